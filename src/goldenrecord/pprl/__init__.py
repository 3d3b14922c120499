"""Privacy-preserving record linkage: link with a partner without sharing personal data.

Each party encodes its own table with a secret they share (:func:`encode`): exact
identifiers become keyed hashes (HMAC-SHA256, kind ``hmac``), names and addresses
hardened Bloom filters (kind ``bloom``). The encoded tables are linked with
:func:`goldenrecord.resolve` like any other (``link_only=True``). :func:`audience`
exports SHA-256 hashes of emails and phones in the form ad platforms ask for.
"""

from goldenrecord._public import publish as _publish
from goldenrecord.normalize._encoded import EncodingMismatchError
from goldenrecord.pprl._audience import PLATFORMS, audience
from goldenrecord.pprl._bloom import BloomParams
from goldenrecord.pprl._encode import METADATA_KEY, Encoded, encode, iter_encode
from goldenrecord.pprl._keys import derive_key

__all__ = [
    "METADATA_KEY",
    "PLATFORMS",
    "BloomParams",
    "Encoded",
    "EncodingMismatchError",
    "audience",
    "derive_key",
    "encode",
    "iter_encode",
]

_publish(__name__, globals(), __all__)
