"""Wire copy: title line, dateline, wrapped body, tables, sign-offs; the year from a sidecar or collection."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import ROOT
from formats_support import extract
from newsdesk import frontmatter
from newsdesk.formats import wire
from newsdesk.records import Preformatted

FIXTURES = ROOT / "tests" / "fixtures" / "raw" / "wire"


def test_title_dateline_reflowed_body_sign_off_and_year_from_the_sidecar():
    (article,) = extract([FIXTURES / "basle_chemicals.txt"])
    assert article.format == "wire"
    assert article.title_raw == "ALPINA CHEMIE PLANS HERBICIDE PLANT IN POLAND"
    assert article.title == "Alpina Chemie Plans Herbicide Plant in Poland"
    assert (article.dateline, article.credit) == ("BASLE", "Reuters")
    assert article.body == (
        "Alpina Chemie AG said it planned to build a herbicide plant near Poznan with a Polish state company, "
        "its first venture in eastern Europe.",
        "The company said the two partners would each hold half of the venture, but a spokesman declined to give "
        "the cost of the plant or its planned output.",
    )
    assert (article.date.isoformat(), article.date_source) == ("1987-03-03", "text")
    assert "March 3" in article.date_note and "basle_chemicals.txt.yaml" in article.date_note


def test_year_from_the_collection_file_and_without_it_a_warning(tmp_path):
    shutil.copy(FIXTURES / "results_table.txt", tmp_path / "results_table.txt")
    (article,) = extract([tmp_path / "results_table.txt"])
    assert article.date is None and article.status == "draft"
    assert any("March 4 without a year" in w for w in article.warnings)
    (tmp_path / "collection.yaml").write_text("year: 1987\n", encoding="utf-8")
    (article,) = extract([tmp_path / "results_table.txt"])
    assert article.date.isoformat() == "1987-03-04"
    assert "collection.yaml" in article.date_note


def test_results_table_kept_as_a_preformatted_block():
    (article,) = extract([FIXTURES / "results_table.txt"])
    table, note = article.body
    assert isinstance(table, Preformatted)
    assert table.splitlines() == [
        "Shr 42 cts vs 31 cts", "Net 8,120,000 vs 6,004,000", "Revs 96.3 mln vs 88.7 mln",
        "Year", "Shr 1.51 dlrs vs 1.12 dlrs", "Net 29.2 mln vs 21.7 mln",
    ]  # fmt: skip
    assert note == "Note: the latest year includes a gain of 2.1 mln dlrs on the sale of a sawmill."
    markdown = frontmatter.dump(article)
    assert "```text\nShr 42 cts vs 31 cts\nNet 8,120,000 vs 6,004,000\n" in markdown
    assert "\nNote: the latest year" in markdown


def test_table_in_the_json_interface_is_a_fenced_block():
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "--content", str(ROOT / "content"), "extract", "--json",
         str(FIXTURES / "results_table.txt")],
        capture_output=True, text=True, check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins")},
    )  # fmt: skip
    (item,) = [json.loads(line) for line in out.stdout.splitlines()]
    assert item["format"] == "wire" and item["title_raw"] == "NORTHERN TIMBER CORP <NTC> 4TH QTR NET"
    assert item["body"].startswith("```text\nShr 42 cts vs 31 cts\n")


def test_modern_sign_off_gives_byline_and_is_not_body():
    (article,) = extract([FIXTURES / "modern_reuters.txt"])
    assert article.title == "Harbour cranes stand idle as dock strike spreads" and article.title_raw is None
    assert article.byline == ("Anna Lindqvist", "Erik Berg")
    assert (article.dateline, article.credit) == ("GOTHENBURG, Sweden", "Reuters")
    assert article.body[-1] == "The employers' group said talks would resume next week."
    assert not any("Reporting" in p or "By Anna" in p for p in article.body)


def test_datelines_as_the_wire_types_them():
    cases = {
        "    ATLANTA , March 3 - National Data said": ("ATLANTA", "March 3", "National Data said"),
        "    FORT COLLINS, Colo., MArch 3 -": ("FORT COLLINS, Colo.", "MArch 3", ""),
        "    RENO, Nev., Mach 4 - Porsche said": ("RENO, Nev.", "Mach 4", "Porsche said"),
        "    DETROIT, March 4 -General Motors said": ("DETROIT", "March 4", "General Motors said"),
        "    ANGLETON, Tex. March 3 - The company": ("ANGLETON, Tex.", "March 3", "The company"),
        "    ****SANTO DOMINGO, March 4 - The Dominican": ("SANTO DOMINGO", "March 4", "The Dominican"),
    }
    for line, (place, when, rest) in cases.items():
        found = wire.read_dateline(line)
        assert (found.place, found.when, found.rest) == (place, when, rest), line
    assert wire.read_dateline("    Shr 42 cts vs 31 cts") is None


def test_all_caps_titles_made_readable_from_the_text_s_own_spelling():
    from newsdesk.clean import readable_title

    assert readable_title("GM <GM> HOPES FOR FIVE-FOLD RISE", "General Motors") == "GM <GM> Hopes for Five-Fold Rise"
    assert readable_title("MCDONALD'S OPENS IN MOSCOW", "McDonald's said") == "McDonald's Opens in Moscow"


def test_ap_copy_dateline_byline_and_contributors():
    (article,) = extract([FIXTURES / "ap_senate.txt"])
    assert article.format == "wire"
    assert (article.source, article.credit, article.dateline) == ("The Associated Press", "AP", "WASHINGTON")
    assert article.byline == ("Lisa Marten", "Kevin Frost", "Mary Jalon", "Tom Beck")
    assert article.body == (
        "The Senate passed a stopgap spending bill late Friday, sending it to the president hours before a midnight deadline.",
        "The vote was 72-25, with most Republicans joining Democrats.",
    )


def test_agency_no_profile_knows(tmp_path):
    path = tmp_path / "afp.txt"
    path.write_text(
        "Floods close roads in the north\nLILLE (AFP) - Floods closed dozens of roads in the north on Sunday,\nofficials said.\n",
        encoding="utf-8",
    )
    (article,) = extract([path])
    assert (article.format, article.source, article.credit, article.dateline) == ("wire", "AFP", "AFP", "LILLE")
    assert article.body == ("Floods closed dozens of roads in the north on Sunday, officials said.",)
    assert any("no source profile matched" in w for w in article.warnings)
