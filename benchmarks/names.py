"""Names across scripts: how often held-out pairs meet under name_key and name_keys.

The pairs below are held out: none of them is in the tests (``tests/normalize/
test_name_keys.py`` has its own table), and they were written down before this
script's first run. Each *same* pair is one name written two ways (two scripts, or
two romanisations); each *different* pair is two different names that look alike.
A pair *meets* under ``name_key`` when the two keys are equal, under ``name_keys``
when the two sets of readings intersect. The aims: at least 95% of the same pairs
meet, at most 5% of the different pairs do.

    python benchmarks/names.py
    python benchmarks/names.py --json
    python benchmarks/names.py --misses          # list the pairs on the wrong side
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import goldenrecord as gr
from goldenrecord.normalize._name_readings import name_keys_column

# (script, one spelling, another spelling)
SAME: list[tuple[str, str, str]] = [
    ("greek", "Παναγιώτης", "Panagiotis"),
    ("greek", "Βασίλειος", "Vasileios"),
    ("greek", "Σταύρος", "Stavros"),
    ("greek", "Ευστάθιος", "Efstathios"),
    ("greek", "Αικατερίνη", "Aikaterini"),
    ("greek", "Σοφία", "Sofia"),
    ("greek", "Ιωάννης", "Ioannis"),
    ("greek", "Νικόλαος", "Nikolaos"),
    ("greek", "Κωνσταντίνος", "Konstantinos"),
    ("greek", "Παρασκευή", "Paraskevi"),
    ("greek", "Ελευθέριος", "Eleftherios"),
    ("greek", "Αναστασία", "Anastasia"),
    ("greek", "Ευτυχία", "Eftychia"),
    ("greek", "Δέσποινα", "Despoina"),
    ("greek", "Μαυρομάτης", "Mavromatis"),
    ("greek", "Τσακίρης", "Tsakiris"),
    ("greek", "Θεοδωρίδης", "Theodoridis"),
    ("greek", "Καραμανλής", "Karamanlis"),
    ("greek", "Λαμπράκης", "Lamprakis"),
    ("greek", "Λαμπράκης", "Labrakis"),
    ("greek", "Ζαχαρίας", "Zacharias"),
    ("greek", "Ξανθή", "Xanthi"),
    ("greek", "Ψάλτης", "Psaltis"),
    ("greek", "Μπακογιάννη", "Bakogianni"),
    ("greek", "Ντόρα", "Dora"),
    ("greek", "Αυγουστίνος", "Avgoustinos"),
    ("german", "Jürgen", "Juergen"),
    ("german", "Köhler", "Koehler"),
    ("german", "Bäcker", "Baecker"),
    ("german", "Götz", "Goetz"),
    ("german", "Krüger", "Krueger"),
    ("german", "Schäfer", "Schaefer"),
    ("german", "Höfer", "Hoefer"),
    ("german", "Groß", "Gross"),
    ("german", "Weiß", "Weiss"),
    ("german", "Jörg Müller", "Joerg Mueller"),
    ("german", "Jürgen Klöpfer", "Jurgen Klopfer"),
    ("scandinavian", "Jönsson", "Joensson"),
    ("scandinavian", "Nørgaard", "Noergaard"),
    ("scandinavian", "Ødegaard", "Odegaard"),
    ("scandinavian", "Løvås", "Lovaas"),
    ("scandinavian", "Bråten", "Braaten"),
    ("scandinavian", "Sjöberg", "Sjoeberg"),
    ("scandinavian", "Åström", "Aastroem"),
    ("scandinavian", "Lindström", "Lindstroem"),
    ("turkish", "Gökhan", "Gokhan"),
    ("turkish", "Çelik", "Celik"),
    ("turkish", "Şahin", "Sahin"),
    ("turkish", "Yıldız", "Yildiz"),
    ("turkish", "Doğan", "Dogan"),
    ("turkish", "Öztürk", "Ozturk"),
    ("turkish", "Ayşe", "Ayshe"),
    ("turkish", "Çağrı", "Cagri"),
    ("turkish", "Tuğba", "Tuba"),
    ("turkish", "Özlem", "Oezlem"),
    ("turkish", "Ümit", "Uemit"),
    ("hebrew", "אברהם", "Avraham"),
    ("hebrew", "משה", "Moshe"),
    ("hebrew", "אהרון", "Aharon"),
    ("hebrew", "בנימין", "Binyamin"),
    ("hebrew", "שמואל", "Shmuel"),
    ("hebrew", "רחל", "Rachel"),
    ("hebrew", "לאה", "Leah"),
    ("hebrew", "מרים", "Miriam"),
    ("hebrew", "אסתר", "Esther"),
    ("hebrew", "נועה", "Noa"),
    ("hebrew", "תמר", "Tamar"),
    ("hebrew", "אריאל", "Ariel"),
    ("hebrew", "מאיר", "Meir"),
    ("hebrew", "יונתן", "Yonatan"),
    ("hebrew", "כץ", "Katz"),
    ("hebrew", "פרידמן", "Friedman"),
    ("hebrew", "גולדברג", "Goldberg"),
    ("hebrew", "משה כהן", "Moshe Cohen"),
    ("hebrew", "רחל לוי", "Rachel Levy"),
    ("hebrew", "נחום ברק", "Nachum Barak"),
    ("hebrew", "אליעזר", "Eliezer"),
    ("arabic", "سعيد", "Said"),
    ("arabic", "جمال", "Jamal"),
    ("arabic", "طارق", "Tarek"),
    ("arabic", "زينب", "Zainab"),
    ("arabic", "ليلى", "Leila"),
    ("arabic", "حمزة", "Hamza"),
    ("arabic", "خديجة", "Khadija"),
    ("arabic", "ياسين", "Yassine"),
    ("arabic", "محمد الحسن", "Mohammed Al-Hassan"),
    ("arabic", "أحمد الزهراني", "Ahmed Al-Zahrani"),
    ("arabic", "علي العتيبي", "Ali Al-Otaibi"),
    ("arabic", "سمير", "Samir"),
    ("arabic", "رشيد", "Rachid"),
    ("chinese", "李", "Lee"),
    ("chinese", "刘", "Lau"),
    ("chinese", "杨", "Yeung"),
    ("chinese", "周", "Chow"),
    ("chinese", "吴", "Ng"),
    ("chinese", "林", "Lim"),
    ("chinese", "林", "Lam"),
    ("chinese", "郑", "Cheng"),
    ("chinese", "谢", "Tse"),
    ("chinese", "蔡", "Tsai"),
    ("chinese", "蔡", "Choi"),
    ("chinese", "许", "Hui"),
    ("chinese", "何", "Ho"),
    ("chinese", "梁", "Leung"),
    ("chinese", "罗", "Law"),
    ("chinese", "叶", "Yip"),
    ("chinese", "曾", "Tsang"),
    ("chinese", "朱", "Chu"),
    ("chinese", "钟", "Chung"),
    ("chinese", "萧", "Siu"),
    ("chinese", "潘", "Poon"),
    ("chinese", "袁", "Yuen"),
    ("chinese", "江", "Kong"),
    ("chinese", "黎", "Lai"),
    ("chinese", "邱", "Khoo"),
    ("chinese", "洪", "Ang"),
    ("chinese", "孙", "Suen"),
    ("chinese", "马", "Mah"),
    ("chinese", "胡", "Woo"),
    ("chinese", "周润发", "Chow Yun-fat"),
    ("chinese", "李嘉诚", "Li Ka-shing"),
    ("chinese", "林俊杰", "Lim Jun Jie"),
    ("chinese", "黄志明", "Wong Chi Ming"),
    ("chinese", "陈伟强", "Chan Wai Keung"),
    ("chinese", "张学友", "Cheung Hok-yau"),
    ("chinese", "周恩来", "Chou En-lai"),
    ("chinese", "蒋经国", "Chiang Ching-kuo"),
    ("chinese", "李登辉", "Lee Teng-hui"),
    ("chinese", "宋美龄", "Soong Mei-ling"),
    ("chinese", "孔祥熙", "Kung Hsiang-hsi"),
    ("chinese", "陈水扁", "Chen Shui-bian"),
    ("japanese", "鈴木", "Suzuki"),
    ("japanese", "高橋", "Takahashi"),
    ("japanese", "渡辺", "Watanabe"),
    ("japanese", "伊藤", "Ito"),
    ("japanese", "山田", "Yamada"),
    ("japanese", "中村", "Nakamura"),
    ("japanese", "小林", "Kobayashi"),
    ("japanese", "加藤", "Kato"),
    ("japanese", "吉田", "Yoshida"),
    ("japanese", "山口", "Yamaguchi"),
    ("japanese", "松本", "Matsumoto"),
    ("japanese", "井上", "Inoue"),
    ("japanese", "木村", "Kimura"),
    ("japanese", "林", "Hayashi"),
    ("japanese", "清水", "Shimizu"),
    ("japanese", "斎藤", "Saito"),
    ("japanese", "太郎", "Taro"),
    ("japanese", "大輔", "Daisuke"),
    ("japanese", "翔太", "Shota"),
    ("japanese", "さくら", "Sakura"),
    ("japanese", "ゆうき", "Yuki"),
    ("japanese", "鈴木一郎", "Ichiro Suzuki"),
    ("japanese", "大野", "Ono"),
    ("korean", "윤", "Yoon"),
    ("korean", "강", "Kang"),
    ("korean", "조", "Jo"),
    ("korean", "장", "Jang"),
    ("korean", "임", "Im"),
    ("korean", "한", "Han"),
    ("korean", "오", "Oh"),
    ("korean", "서", "Suh"),
    ("korean", "신", "Sin"),
    ("korean", "권", "Kwon"),
    ("korean", "황", "Hwang"),
    ("korean", "안", "Ahn"),
    ("korean", "류", "Ryu"),
    ("korean", "전", "Jeon"),
    ("korean", "문", "Moon"),
    ("korean", "손", "Sohn"),
    ("korean", "백", "Paik"),
    ("korean", "노", "Noh"),
    ("korean", "박서준", "Park Seo-joon"),
    ("korean", "김지수", "Kim Ji-soo"),
    ("korean", "이민호", "Lee Min-ho"),
    ("korean", "정해인", "Jung Hae-in"),
    ("korean", "최우식", "Choi Woo-shik"),
    ("thai", "จิราพร", "Chiraphon"),
    ("thai", "ณัฐพล", "Natthaphon"),
    ("thai", "พิชัย", "Phichai"),
    ("thai", "อุดม", "Udom"),
    ("thai", "สมปอง", "Sompong"),
    ("thai", "ไพศาล", "Phaisan"),
    ("thai", "วีระ", "Wira"),
    ("thai", "สุชาติ", "Suchat"),
    ("thai", "ปัญญา", "Panya"),
    ("thai", "มานพ", "Manop"),
    ("thai", "รัชนี", "Ratchani"),
    ("thai", "ลำดวน", "Lamduan"),
    ("vietnamese", "Phạm Minh Chính", "Pham Minh Chinh"),
    ("vietnamese", "Lê Thị Hồng", "Le Thi Hong"),
    ("vietnamese", "Võ Nguyên Giáp", "Vo Nguyen Giap"),
    ("vietnamese", "Đặng Văn Lâm", "Dang Van Lam"),
    ("vietnamese", "Huỳnh Thị Ngọc", "Huynh Thi Ngoc"),
    ("vietnamese", "Bùi Tiến Dũng", "Bui Tien Dung"),
]

# (script, one name, a different name that looks like it)
DIFFERENT: list[tuple[str, str, str]] = [
    ("latin", "Ivan", "Ivana"),
    ("latin", "Daniel", "Daniela"),
    ("latin", "Paul", "Paula"),
    ("latin", "Alexander", "Alexandra"),
    ("latin", "Julian", "Juliana"),
    ("latin", "Hans", "Hanna"),
    ("latin", "Eric", "Erica"),
    ("latin", "Dana", "Dina"),
    ("latin", "Ana", "Ane"),
    ("german", "Müller", "Möller"),
    ("german", "Bäcker", "Becker"),
    ("german", "Schröder", "Schrader"),
    ("german", "Möller", "Miller"),
    ("german", "Köhler", "Kehler"),
    ("greek", "Δημήτρης", "Dimitra"),
    ("greek", "Γεωργία", "Giorgos"),
    ("greek", "Χρήστος", "Christina"),
    ("greek", "Σταύρος", "Spyros"),
    ("greek", "Μαρία", "Marina"),
    ("greek", "Κώστας", "Kostis"),
    ("greek", "Βασίλης", "Vasiliki"),
    ("arabic", "حسن", "Hussein"),
    ("arabic", "أحمد", "Hamid"),
    ("arabic", "عمر", "Amr"),
    ("arabic", "علي", "Alia"),
    ("arabic", "سامي", "Samir"),
    ("arabic", "جمال", "Jamil"),
    ("arabic", "كريم", "Karima"),
    ("arabic", "Hassan", "Hussein"),
    ("arabic", "Ahmed", "Hamed"),
    ("arabic", "Mohammed Ali", "Mahmoud Ali"),
    ("hebrew", "שרה", "Sarai"),
    ("hebrew", "רחל", "Rahul"),
    ("hebrew", "לאה", "Leia"),
    ("hebrew", "מיכל", "Michael"),
    ("hebrew", "Yosef Cohen", "Yosef Cohn-Bendit"),
    ("chinese", "Lin", "Ling"),
    ("chinese", "Li", "Lin"),
    ("chinese", "Zhou", "Zhao"),
    ("chinese", "Zhu", "Zhou"),
    ("chinese", "Xu", "Xie"),
    ("chinese", "Liu", "Lu"),
    ("chinese", "Yang", "Jiang"),
    ("chinese", "Huang", "Kuang"),
    ("chinese", "Tang", "Tan"),
    ("chinese", "Song", "Sun"),
    ("chinese", "Guo", "Gao"),
    ("chinese", "Hu", "He"),
    ("chinese", "Ma", "Mao"),
    ("chinese", "Feng", "Fang"),
    ("chinese", "Jin", "Qin"),
    ("chinese", "Liang", "Jiang"),
    ("chinese", "Cao", "Cai"),
    ("chinese", "Peng", "Pang"),
    ("chinese", "Wei", "Wen"),
    ("chinese", "刘", "Lu"),
    ("chinese", "周", "Zhao"),
    ("chinese", "王伟", "Wang Wen"),
    ("japanese", "Kato", "Kito"),
    ("japanese", "Kimura", "Kamura"),
    ("japanese", "Tanaka", "Tanabe"),
    ("japanese", "Yoshida", "Yoshino"),
    ("japanese", "Honda", "Hondo"),
    ("japanese", "田中", "Tanabe"),
    ("japanese", "鈴木", "Suzaki"),
    ("korean", "Kim", "Kin"),
    ("korean", "Park", "Baek"),
    ("korean", "Choi", "Chae"),
    ("korean", "Kang", "Kwang"),
    ("korean", "Yoon", "Yeon"),
    ("korean", "Jung", "Jang"),
    ("korean", "박", "Baek"),
    ("thai", "Wichai", "Wichit"),
    ("thai", "Suda", "Sudarat"),
    ("thai", "Anan", "Anon"),
    ("thai", "สมชาย", "Somsak"),
    ("turkish", "Gökhan", "Gökay"),
    ("turkish", "Şahin", "Şahan"),
    ("turkish", "Ayşe", "Ayla"),
    ("turkish", "Emre", "Emra"),
    ("vietnamese", "Trần", "Trâm"),
    ("vietnamese", "Lê", "Lý"),
    ("vietnamese", "Phạm", "Phan"),
    ("vietnamese", "Hoàng", "Hoàn"),
]


def _meets_key(a: str, b: str) -> bool:
    ka, kb = gr.normalize.name_key(a), gr.normalize.name_key(b)
    return ka is not None and ka == kb


def _meets_keys(a: str, b: str) -> bool:
    return bool(gr.normalize.name_keys(a) & gr.normalize.name_keys(b))


def _rates(
    pairs: list[tuple[str, str, str]], meets: Callable[[str, str], bool]
) -> tuple[float, dict[str, float], list[tuple[str, str, str]]]:
    hits: dict[str, list[bool]] = {}
    wrong: list[tuple[str, str, str]] = []
    for script, a, b in pairs:
        met = meets(a, b) and meets(b, a)
        hits.setdefault(script, []).append(met)
        if met != (pairs is SAME):
            wrong.append((script, a, b))
    overall = sum(sum(v) for v in hits.values()) / len(pairs)
    return overall, {s: sum(v) / len(v) for s, v in hits.items()}, wrong


def _throughput() -> dict[str, float]:
    """Values per CPU second of name_keys in batch form, on the held-out names."""
    cells = [name for _, a, b in SAME + DIFFERENT for name in (a, b)] * 50
    start = time.process_time()
    name_keys_column(cells)
    seconds = time.process_time() - start
    return {"values": len(cells), "cpu_seconds": seconds, "values_per_second": len(cells) / seconds}


def measure() -> dict[str, Any]:
    out: dict[str, Any] = {"same_pairs": len(SAME), "different_pairs": len(DIFFERENT)}
    for name, meets in (("name_key", _meets_key), ("name_keys", _meets_keys)):
        same, same_by, same_wrong = _rates(SAME, meets)
        diff, diff_by, diff_wrong = _rates(DIFFERENT, meets)
        out[name] = {
            "same_meet": same,
            "different_meet": diff,
            "same_by_script": same_by,
            "different_by_script": diff_by,
            "same_missed": same_wrong,
            "different_met": diff_wrong,
        }
    out["name_keys_batch"] = _throughput()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--misses", action="store_true", help="list the pairs on the wrong side")
    args = parser.parse_args(argv)
    result = measure()
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(
        f"held-out pairs: {result['same_pairs']} same names, "
        f"{result['different_pairs']} look-alikes"
    )
    scripts = sorted(
        set(result["name_keys"]["same_by_script"]) | set(result["name_keys"]["different_by_script"])
    )
    print(f"  {'script':<14}{'same meet (key → keys)':>26}{'different meet (key → keys)':>31}")
    for s in scripts:
        cells = []
        for part in ("same_by_script", "different_by_script"):
            before = result["name_key"][part].get(s)
            after = result["name_keys"][part].get(s)
            cells.append("-" if after is None else f"{before:.0%} → {after:.0%}")
        print(f"  {s:<14}{cells[0]:>26}{cells[1]:>31}")
    k, ks = result["name_key"], result["name_keys"]
    print(
        f"  {'all':<14}{k['same_meet']:.1%} → {ks['same_meet']:.1%}".ljust(40)
        + f"{k['different_meet']:.1%} → {ks['different_meet']:.1%}".rjust(31)
    )
    batch = result["name_keys_batch"]
    print(f"name_keys batch form: {batch['values_per_second']:,.0f} values per CPU second")
    if args.misses:
        print("same names that do not meet:", *ks["same_missed"], sep="\n  ")
        print("look-alikes that meet:", *ks["different_met"], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
