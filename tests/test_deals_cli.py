"""``accord deals`` as a user runs it: a separate process, its exit status and streams."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from test_cli import accord

from conftest import TEST_DATA, case_study_without_rules

# the golden numbers below are for the case study without its decision rules (the parties
# alone); test_deals_analysis checks that veto players join them when the rules are there
CASE = str(case_study_without_rules(Path(tempfile.mkdtemp(prefix="accord-deals-"))))
TRADE = TEST_DATA / "genius" / "trade" / "trade_domain.xml"


@pytest.fixture(scope="module")
def case_json():
    result = accord("deals", CASE, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_case_study_tables():
    result = accord("deals", CASE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "package deals among RUS, UKR, UKC, EU" in out
    assert "48,828,125 packages" in out
    for title in (
        "Bargaining solutions",
        "Nash",
        "Kalai-Smorodinsky",
        "Egalitarian",
        "Utilitarian",
    ):
        assert title in out
    assert "Pareto frontier: 7,864 packages (showing 10, spread along RUS's utility)" in out
    assert "Zone of possible agreement: 10,006 of 48,828,125 packages" in out
    assert "Logrolls: 25 (the 10 with the largest smaller gain)" in out
    assert "nato 50 → 0 for RUS; ceasefire 50 → 100 for UKR" in out
    assert "What the Nash package takes" in out
    assert "≈ 75: Full ceasefire after a short negotiation" in out
    assert "disagreement point the reservation utilities" in out  # conventions are echoed
    assert result.stderr == ""


def test_case_study_json_contract(case_json):
    data = case_json
    assert data["parties"] == ["RUS", "UKR", "UKC", "EU"]
    assert data["outcomes"] == 48828125
    assert data["conventions"] == {
        "actors": "parties", "steps": 5, "utility": "linear", "disagreement": "reservation",
        "normalisation": "none", "rationality": "weak", "tie": "welfare",
        "weights": "capability", "reference": "split",
    }  # fmt: skip
    frontier = data["frontier"]
    assert len(frontier) == 7864
    first = [row["utilities"]["RUS"] for row in frontier]
    assert first == sorted(first, reverse=True)
    assert set(frontier[0]) == {"package", "utilities", "accepted_by"}
    assert list(frontier[0]["package"]) == [issue["id"] for issue in data["issues"]]
    assert set(data["solutions"]) == {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}
    nash = data["solutions"]["nash"]
    assert nash["package"]["ceasefire"] == 75 and nash["package"]["nato"] == 0
    assert nash["accepted_by"] == ["RUS", "UKR", "UKC", "EU"]
    assert nash["utilities"]["RUS"] == pytest.approx(0.561224489796, abs=1e-12)
    assert data["zopa"]["exists"] is True and data["zopa"]["size"] == 10006
    assert len(data["zopa"]["frontier"]) == 254
    roll = data["logrolls"][0]
    assert roll["parties"] == ["RUS", "UKR"] and roll["issues"] == ["nato", "ceasefire"]
    assert roll["gain"] == pytest.approx({"RUS": 0.1 / 7.35, "UKR": 0.1 / 7.65}, abs=1e-12)
    assert data["concessions"]["RUS"]["ceasefire"]["distance"] == 50


def test_json_equals_the_api_to_twelve_decimals(case_json):
    from accord.deals import analyse_deals
    from accord.io import load_scenario
    from accord.report.deals import deals_json

    assert case_json == deals_json(analyse_deals(load_scenario(CASE)))


def test_options_change_and_are_echoed():
    result = accord(
        "deals", CASE, "--json", "--steps", "3", "--actors", "RUS,UKR", "--utility", "quadratic",
        "--disagreement", "zero", "--normalisation", "range", "--rationality", "strict",
        "--tie", "first", "--weights", "equal", "--reference", "nash",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["parties"] == ["RUS", "UKR"]
    assert data["outcomes"] == 5**11  # the labelled points stay: 0, 25, 50, 75, 100
    assert data["conventions"]["actors"] == ["RUS", "UKR"]
    assert data["conventions"]["steps"] == 3
    assert data["conventions"]["utility"] == "quadratic"
    assert data["disagreement"] == {"RUS": 0.0, "UKR": 0.0}
    assert all(set(row["accepted_by"]) <= {"RUS", "UKR"} for row in data["frontier"])
    # the strict rule: every solution gives both parties more than their reservation utility
    for solution in data["solutions"].values():
        if solution["package"] is not None:
            assert all(solution["utilities"][p] > data["reservation"][p] for p in ("RUS", "UKR"))


def test_genius_domain_directly_and_after_conversion(tmp_path):
    direct = accord("deals", str(TRADE), "--json")
    assert direct.returncode == 0, direct.stderr
    data = json.loads(direct.stdout)
    assert data["parties"] == ["trade_buyer", "trade_seller"]
    assert data["reservation"] == {"trade_buyer": 0.4, "trade_seller": 0.3}
    assert data["solutions"]["nash"]["package"] == {"delivery": 0, "payment": 0, "warranty": 1}
    assert data["solutions"]["nash"]["utilities"] == {"trade_buyer": 0.79, "trade_seller": 0.75}
    converted = tmp_path / "trade.yaml"
    assert accord("convert", str(TRADE), str(converted)).returncode == 0
    again = accord("deals", str(converted), "--json")
    assert json.loads(again.stdout) == data
    profiles = accord(
        "deals", str(TRADE), "--json", "--profile", str(TRADE.parent / "trade_seller.xml"),
        "--profile", str(TRADE.parent / "trade_buyer.xml"),
    )  # fmt: skip
    assert json.loads(profiles.stdout)["parties"] == ["trade_seller", "trade_buyer"]


def one_line_failure(*args: str) -> str:
    result = accord(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("accord: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    return result.stderr


def test_an_outcome_space_too_large_for_the_resolution(tmp_path):
    message = one_line_failure("deals", CASE, "--steps", "101", "--json")
    assert "the outcome space has 11,156,683,466,653,165,551,101 packages" in message
    assert "fewer --steps (now 101" in message


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--disagreement", "nope"), "--disagreement 'nope': choose from reservation, zero"),
        (("--tie", "random"), "--tie 'random': choose from welfare, first"),
        (("--actors", "RUS,XYZ"), "unknown actor 'XYZ'"),
        (("--actors", "NATO"), "package deals need at least two parties"),
        (("--steps", "1"), "--steps 1: at least 2"),
        (("--profile", str(TRADE)), "profiles go with a GENIUS domain (.xml) file only"),
    ],
)
def test_bad_options(args, expected):
    assert expected in one_line_failure("deals", CASE, *args)


def test_bad_files(tmp_path):
    assert "no such file" in one_line_failure("deals", str(tmp_path / "missing.yaml"))
    bad = tmp_path / "bad.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<negotiation_template/>\n'
    )
    assert f"{bad}:2: <!DOCTYPE> declarations are refused" in one_line_failure("deals", str(bad))
