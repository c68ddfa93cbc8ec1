"""One set of checks for every scenario: built in Python, read from any format; the format
registry that every reader goes through."""

from __future__ import annotations

from dataclasses import replace

import pytest

import accord
from accord import MODELS, InputError, load_scenario, make_model, validate
from accord.io import REGISTRY, dump_scenario, parse_scenario
from accord.io.formats import detect, get_format
from accord.scenario import Actor, Issue, Scenario, Stake

from conftest import EXAMPLES, TEST_DATA, make_scenario
from conftest import accord as run_accord


def _two_actors(**stake_fields: object) -> Scenario:
    good = make_scenario([20, 80], [1, 1], [0.5, 0.5])
    first = replace(good.stakes[0], **stake_fields)  # type: ignore[arg-type]
    return replace(good, stakes=(first, good.stakes[1]))


def _message(scenario: Scenario) -> str:
    with pytest.raises(InputError) as caught:
        validate(scenario)
    return str(caught.value)


def test_a_position_off_the_scale_is_refused_with_its_path():
    message = _message(_two_actors(position=200))
    assert message == (
        "scenario 'test': stakes[0].position: 200 lies outside the scale [0, 100] of issue 'x'"
    )


def test_a_negative_salience_is_refused_with_its_path():
    message = _message(_two_actors(salience=-3))
    assert (
        message == "scenario 'test': stakes[0].salience: must be greater than or equal to 0, got -3"
    )


def test_an_unknown_actor_is_refused_with_a_suggestion():
    message = _message(_two_actors(actor="A0x"))
    assert message.startswith("scenario 'test': stakes[0].actor: unknown actor 'A0x'")
    assert "did you mean" in message


@pytest.mark.parametrize(
    ("scenario", "where", "problem"),
    [
        (
            replace(
                make_scenario([1, 2], [1, 1], [1, 1]),
                actors=(Actor(id="A0", capability=-1), Actor(id="A1", capability=1)),
            ),
            "actors[0].capability",
            "must be greater than 0, got -1",
        ),
        (
            replace(make_scenario([1, 2], [1, 1], [1, 1]), issues=(Issue(id="x", low=5, high=5),)),
            "issues[0].high",
            "low (5) must be below high (5)",
        ),
        (_two_actors(position=float("nan")), "stakes[0].position", "must be a finite number"),
        (_two_actors(salience="high"), "stakes[0].salience", "expected a number, got 'high'"),
        (make_scenario([1, 2], [1, 1], [0, 0]), "issues[0]", "every salience on issue 'x' is 0"),
        (
            replace(
                make_scenario([1, 2], [1, 1], [1, 1]),
                actors=(Actor(id="A0", capability=1), Actor(id="A0", capability=1)),
            ),
            "actors[1].id",
            "duplicate actor id 'A0'",
        ),
    ],
)
def test_each_check_names_the_field(scenario, where, problem):
    message = _message(scenario)
    assert f": {where}: " in message and problem in message


def test_the_models_refuse_an_invalid_scenario_instead_of_computing_nonsense():
    bad = _two_actors(salience=-3)
    for name in MODELS:  # every registered model, smp and setter included
        with pytest.raises(InputError, match=r"stakes\[0\]\.salience"):
            make_model(name).predict(bad)
    unknown = _two_actors(actor="ghost")
    with pytest.raises(InputError, match="unknown actor 'ghost'"):
        make_model("mean").predict(unknown)  # was a bare KeyError


def test_a_valid_scenario_passes_unchanged_and_forecasts():
    good = make_scenario([20, 80], [1, 3], [1, 1])
    assert validate(good) is good
    assert make_model("mean").predict(good).value("x") == pytest.approx(65.0)
    assert accord.validate is validate


def test_a_file_reports_the_same_problem_with_its_own_field_names_and_line(tmp_path):
    text = (TEST_DATA / "minimal.yaml").read_text()
    scenario = load_scenario(TEST_DATA / "minimal.yaml")
    k, stake = next((k, s) for k, s in enumerate(scenario.stakes) if s.issue == "ceasefire")
    python = _message(
        replace(
            scenario,
            stakes=(*scenario.stakes[:k], replace(stake, position=200), *scenario.stakes[k + 1 :]),
        )
    )
    position_line = f"position: {stake.position:g}"
    assert position_line in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(position_line, "position: 200", 1))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    from_file = caught.value
    assert from_file.where == f"positions[{k}].position"
    assert (
        from_file.line
        == text.splitlines().index(
            next(line for line in text.splitlines() if line.strip() == position_line)
        )
        + 1
    )
    assert python.endswith(from_file.problem)  # the same words, from the same check


@pytest.mark.parametrize(
    ("content", "where", "problem", "line"),
    [
        (
            "Actor,Capability,Position,Salience\nA,1,0,1\nB,1,5,1\nA,1,9,1\n",
            "actors[2].id",
            "duplicate actor id 'A'",
            4,
        ),
        ("Actor,Capability,Position,Salience\nA,1,0,0\nB,1,5,0\n", "issues[0]", "is 0", None),
        ("S,d,2,1\nActor,Desc,Cap,P,S\nA,,1,10,50\nA,,1,20,50\n", "actors[1].id", "duplicate", 4),
        ("S,d,2,1\nActor,Desc,Cap,P,S\nA,,1,10,0\nB,,1,20,0\n", "issues[0]", "is 0", None),
    ],
)
def test_csv_readers_end_in_the_shared_checks_with_the_row_line(
    tmp_path, content, where, problem, line
):
    path = tmp_path / "case.csv"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.where == where and problem in caught.value.problem
    assert caught.value.line == line and caught.value.source == str(path)


def test_cli_refuses_an_invalid_file_in_one_line_with_exit_2(tmp_path):
    text = (TEST_DATA / "minimal.yaml").read_text()
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace("salience: 0.9", "salience: -3", 1))
    result = run_accord("forecast", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0]
    assert "salience: must be greater than or equal to 0, got -3" in lines[0]
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------------------------
# The registry


def test_every_scenario_format_is_an_entry_with_a_reader_and_the_writers_round_trip():
    names = [entry.name for entry in REGISTRY]
    assert {"yaml", "json", "csv", "ktab", "genius", "deu3"} <= set(names)
    assert names[-1] == "yaml"  # the fallback, sniffed last
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    for fmt in ("yaml", "json"):
        again = parse_scenario(dump_scenario(scenario, fmt), f"again.{fmt}")  # type: ignore[arg-type]
        assert again == scenario
    emissions = load_scenario(EXAMPLES / "emissions-1994.csv")
    assert parse_scenario(dump_scenario(emissions, "csv"), "emissions-1994.csv") == emissions
    ktab = load_scenario(TEST_DATA / "ktab-3dim.csv")
    assert parse_scenario(dump_scenario(ktab, "ktab"), "ktab-3dim.csv") == ktab


@pytest.mark.parametrize(
    ("text", "source", "name"),
    [
        ("id: x\ntitle: y\n", "<stdin>", "yaml"),
        ('{"id": "x"}', "<stdin>", "json"),
        ("Actor,Capability,Position,Salience\nA,1,2,3\n", "<stdin>", "csv"),
        ("S,d,1,1\nActor,Desc,Cap,P,S\n", "noext", "ktab"),
        ('<?xml version="1.0"?>\n<negotiation_template>', "d.txt", "genius"),
        ("prnr\tisnr\tout\tpcom\tscom\n\t\t\t1\t\n", "x", "deu3"),
        ("<!DOCTYPE html><html><body><p>Talks</p></body></html>", "page", "article"),
        ("id: x\n", "file.yml", "yaml"),
        ("<foo/>", "<stdin>", "genius"),  # markup that is not HTML: the XML reader says what
        ("| just: text", "notes.txt", "yaml"),  # a .txt that does not read as prose
    ],
)
def test_detect_sniffs_the_text_when_the_suffix_does_not_decide(text, source, name):
    assert detect(text, source).name == name


def test_a_format_entry_says_what_it_cannot_hold():
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    reason = get_format("ktab").loss(scenario)
    assert reason is not None and reason.startswith("CSV cannot hold evidence")
    assert get_format("yaml").loss(scenario) is None


def test_stakes_built_by_a_reader_keep_their_scenario_valid():
    # Every shipped example goes through the same checks whatever its format.
    for path in (EXAMPLES / "emissions-1994.csv", TEST_DATA / "ktab-3dim.csv"):
        scenario = load_scenario(path)
        assert validate(scenario) is scenario
    assert isinstance(Stake(actor="a", issue="b", position=1, salience=1), Stake)


def test_monte_carlo_and_deals_refuse_an_invalid_scenario_too():
    from accord.deals import analyse_deals
    from accord.uncertainty import monte_carlo

    bad = _two_actors(position=200)
    with pytest.raises(InputError, match=r"stakes\[0\]\.position: 200 lies outside"):
        monte_carlo([bad], {"mean": make_model("mean")}, samples=10, seed=1)
    with pytest.raises(InputError, match=r"stakes\[0\]\.position: 200 lies outside"):
        analyse_deals(bad)


def test_numbers_too_large_for_a_float_are_one_clear_error():
    message = _message(_two_actors(position=10**400))
    assert "stakes[0].position: must be a finite number" in message
    assert "a number too long to print" in _message(_two_actors(salience=10**5000))
