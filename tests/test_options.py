"""Options declared once: typed option objects in the library, choice types on the command line.

The expected-utility options and the deal conventions are frozen objects whose Literal types
are the allowed values; the command line's choices are those types (or, where registering a
command must stay cheap, Literals checked here against the library's), so that ``--help``
lists the values and never a bare ``<str>``.
"""

from __future__ import annotations

import re
from typing import get_args

import pytest

from accord.cli._common import Engine
from accord.cli.simulate import OfferRule, Protocol
from accord.cli.truce import Policy
from accord.deals import CONVENTIONS, ConventionError, Conventions
from accord.models import MODELS, ExpectedUtility
from accord.models.bdm import VARIANTS, Options
from accord.simulate.protocols import OFFER_RULES, PROTOCOLS
from accord.simulate.truce import POLICIES
from accord.uncertainty import ENGINES

from conftest import accord


def _commands() -> list[str]:
    import typer

    from accord.cli import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


COMMANDS = _commands()


def test_bdm_options_read_their_choices_from_the_types():
    choices = Options.choices()
    assert choices["variant"] == tuple(VARIANTS) == ("scholz", "literal")
    assert choices["perspective"] == ("receiver", "proposer", "own")
    assert choices["capitulation"] == (True, False)
    assert "q" not in choices and "t" not in choices  # numbers, checked as a range
    with pytest.raises(ValueError, match="perspective must be one of 'receiver', 'proposer'"):
        Options(perspective="mine").rules()  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"q must lie in \[0, 1\]"):
        Options(q=2.0).rules()


def test_bdm_presets_and_overrides_resolve():
    assert Options().rules() == VARIANTS["scholz"]
    assert Options(variant="literal").rules() == VARIANTS["literal"]
    mixed = Options(variant="literal", capitulation=False, mu="mean").rules()
    assert (mixed.probability, mixed.capitulation, mixed.mu) == ("dyad", False, "mean")
    model = ExpectedUtility.from_params(variant="literal", capitulation=False, rounds=4)
    assert model.options == Options(variant="literal", capitulation=False)
    assert model.effective_params()["capitulation"] is False
    assert model.effective_params()["selection"] == "enforce"
    with pytest.raises(TypeError):
        ExpectedUtility.from_params(colour="red")


def test_deal_conventions_are_one_frozen_object():
    conventions = Conventions(actors=["a", "b"], weights="equal")  # type: ignore[arg-type]
    assert conventions.actors == ("a", "b")
    assert conventions.to_dict()["actors"] == ["a", "b"]
    assert CONVENTIONS["utility"] == ("linear", "quadratic")
    assert CONVENTIONS["tie"] == ("welfare", "first")
    assert set(CONVENTIONS) == {"utility", "disagreement", "normalisation", "rationality", "tie",
                                "weights", "reference"}  # fmt: skip
    with pytest.raises(ConventionError, match="reference must be one of split, nash"):
        Conventions(reference="middle").check()  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        conventions.steps = 3  # type: ignore[misc]


def test_the_cli_choices_are_the_librarys():
    assert get_args(Engine) == ENGINES
    assert set(get_args(Protocol)) == set(PROTOCOLS)
    assert set(get_args(OfferRule)) == set(OFFER_RULES)
    assert get_args(Policy) == POLICIES


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_values_never_bare_types(command):
    result = accord(command, "--help")
    assert result.returncode == 0, result.stderr
    bare = re.findall(r"<(?:str|int|float|list\[[a-z]+\]|path)>", result.stdout)
    assert bare == [], f"accord {command} --help shows {bare}"


def test_help_lists_the_deal_conventions():
    out = accord("deals", "--help").stdout
    for name, values in CONVENTIONS.items():
        assert f"--{name} <{'|'.join(values)}>" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", "x.yaml", "--protocol", "auction"],
         "accord: --protocol 'auction': choose from alternating, single-text, shuttle\n"),
        (["forecast", "x.yaml", "--engine", "bogus"],
         "accord: --engine 'bogus': choose from local, processes, dask\n"),
        (["truce", "x.yaml", "--policy", "nuke"],
         "accord: --policy 'nuke': choose from tft, gtft, grim, proportional\n"),
    ],
)  # fmt: skip
def test_a_bad_choice_is_one_line(args, message):
    result = accord(*args)
    assert result.returncode == 2
    assert result.stderr == message and result.stdout == ""


def test_models_lists_the_values_applied():
    out = accord("models").stdout
    assert "None" not in out
    flat = " ".join(out.split())
    for text in ("probability='all_pairs'", "selection='scholz'", "max_rounds=10",
                 "utility='quadratic'", "fallback='mean'"):  # fmt: skip
        assert text in flat.replace("│ ", "").replace(" │", ""), text
    applied = MODELS["bdm"]().applied_params()
    assert applied["rounds"].startswith("until the median settles")
    assert applied["consent"].startswith("veto if the scenario has decision rules")
