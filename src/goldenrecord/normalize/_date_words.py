"""Month names and the words a written date may carry around them, in the languages the
date normalizer reads, folded as it folds its input.
"""

from __future__ import annotations

import unicodedata
from typing import Final

_MONTH_WORDS: Final = (
    # English
    "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
    "|september sep sept|october oct|november nov|december dec",
    # French
    "janvier janv|fevrier fevr fev|mars|avril avr|mai|juin|juillet juil|aout"
    "|septembre|octobre|novembre|decembre",
    # German (with the Austrian Jänner)
    "januar janner jaenner|februar feber|marz maerz mrz|april|mai|juni|juli|august"
    "|september|oktober okt|november|dezember dez",
    # Spanish
    "enero ene|febrero|marzo|abril abr|mayo|junio|julio|agosto ago"
    "|septiembre setiembre set|octubre|noviembre|diciembre dic",
    # Italian
    "gennaio gen|febbraio|marzo|aprile|maggio mag|giugno giu|luglio lug|agosto"
    "|settembre|ottobre ott|novembre|dicembre",
    # Portuguese
    "janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro out|novembro|dezembro",
    # Dutch
    "januari|februari|maart mrt|april|mei|juni|juli|augustus|september|oktober|november|december",
    # Danish, Norwegian, Swedish
    "januar|februar|marts mars|april|maj mai|juni|juli|august augusti"
    "|september|oktober|november|december desember",
    # Turkish (folded: ş→s, ı→i, ğ→g, ü→u)
    "ocak|subat|mart|nisan|mayis|haziran|temmuz|agustos|eylul|ekim|kasim|aralik",
    # Russian (nominative, genitive, abbreviations)
    "январь января янв|февраль февраля фев|март марта мар|апрель апреля апр|май мая"
    "|июнь июня июн|июль июля июл|август августа авг|сентябрь сентября сен сент"
    "|октябрь октября окт|ноябрь ноября ноя|декабрь декабря дек",
    # Ukrainian (nominative, genitive)
    "січень січня|лютий лютого|березень березня|квітень квітня|травень травня"
    "|червень червня|липень липня|серпень серпня|вересень вересня|жовтень жовтня"
    "|листопад листопада|грудень грудня",
    # Greek (accents stripped; nominative, genitive, abbreviations)
    "ιανουαριοσ ιανουαριου ιαν|φεβρουαριοσ φεβρουαριου φεβ|μαρτιοσ μαρτιου μαρ"
    "|απριλιοσ απριλιου απρ|μαιοσ μαιου μαι|ιουνιοσ ιουνιου ιουν|ιουλιοσ ιουλιου ιουλ"
    "|αυγουστοσ αυγουστου αυγ|σεπτεμβριοσ σεπτεμβριου σεπ|οκτωβριοσ οκτωβριου οκτ"
    "|νοεμβριοσ νοεμβριου νοε|δεκεμβριοσ δεκεμβριου δεκ",
    # Arabic (Egyptian and Gulf usage)
    "يناير|فبراير|مارس|ابريل أبريل إبريل|مايو|يونيو يونية|يوليو يولية|اغسطس أغسطس"
    "|سبتمبر|اكتوبر أكتوبر|نوفمبر|ديسمبر",
    # Hindi
    "जनवरी|फ़रवरी फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर सितम्बर|अक्टूबर|नवंबर नवम्बर|दिसंबर दिसम्बर",
    # Roman numerals
    "i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii",
)

# Words that may surround a date and say nothing about it: weekdays, "de", "the", "г.".
_IGNORED_WORDS: Final = (
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri"
    " saturday sat sunday sun the of on at"
    " lundi mardi mercredi jeudi vendredi samedi dimanche le la du a"
    " montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag"
    " mo di mi do fr sa so der den am um"
    " lunes martes miercoles jueves viernes sabado domingo de del el las"
    " lunedi martedi mercoledi giovedi venerdi domenica il"
    " segunda terca quarta quinta sexta feira as"
    " maandag dinsdag woensdag donderdag vrijdag zaterdag zondag op om"
    " понедельник вторник среда четверг пятница суббота воскресенье г года год"
    " الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"
)


def _fold_word(word: str) -> str:
    """Case-fold and strip combining marks, so table keys and tokens compare alike."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _build_months() -> dict[str, int]:
    table: dict[str, int] = {}
    for language in _MONTH_WORDS:
        for number, names in enumerate(language.split("|"), start=1):
            for word in names.split():
                table[_fold_word(word)] = number
    return table


_MONTHS: Final = _build_months()

_IGNORED: Final = frozenset(_fold_word(w) for w in _IGNORED_WORDS.split())
