"""Golden profiles: survivorship, lineage and consent.

Clusters of records become :class:`Profile` objects: one golden value per attribute,
chosen by a survivorship rule, each with the member records, sources and times behind
it, and a consent state per purpose that decides what a :meth:`Profile.view` shows.

>>> from goldenrecord.profile import parse_consent, profile_id_for
>>> parse_consent(" Opt-In "), parse_consent("nein")
('yes', 'no')
>>> profile_id_for("crm:1") == profile_id_for("crm:1")
True
"""

from goldenrecord._public import publish as _publish
from goldenrecord.profile._build import ProfileList, ProfileReport, build_profiles, profile_id_for
from goldenrecord.profile._consent import CONSENT_STATES, ConsentState, parse_consent
from goldenrecord.profile._export import lineage_frame, profiles_frame
from goldenrecord.profile._golden import GoldenValue
from goldenrecord.profile._profile import Profile, ProfileView
from goldenrecord.profile._survivorship import DEFAULT_RULES, RULES, Rule, RuleSpec

__all__ = [
    "CONSENT_STATES",
    "DEFAULT_RULES",
    "RULES",
    "ConsentState",
    "GoldenValue",
    "Profile",
    "ProfileList",
    "ProfileReport",
    "ProfileView",
    "Rule",
    "RuleSpec",
    "build_profiles",
    "lineage_frame",
    "parse_consent",
    "profile_id_for",
    "profiles_frame",
]

_publish(__name__, globals(), __all__)
