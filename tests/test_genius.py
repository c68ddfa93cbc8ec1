"""GENIUS / ANAC domains: GENIUS's own semantics, file discovery, conversion and bad files.

The domains in tests/data/genius/ were written for these tests (see tests/data/README.md).
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from accord.deals import analyse_deals, outcome_space, package_utilities
from accord.io import InputError, dump_scenario, load_scenario, parse_scenario

from conftest import TEST_DATA

GENIUS = TEST_DATA / "genius"
TRADE = GENIUS / "trade" / "trade_domain.xml"
PRICE = GENIUS / "price"


def utilities(scenario, packages):
    parties = [a.id for a in scenario.actors]
    return package_utilities(scenario, outcome_space(scenario), parties).utilities(packages)


def test_discrete_evaluations_are_divided_by_the_issues_maximum():
    s = load_scenario(TRADE)
    assert [a.id for a in s.actors] == ["trade_buyer", "trade_seller"]
    assert [i.id for i in s.issues] == ["delivery", "payment", "warranty"]
    delivery = s.issue("delivery")
    assert delivery.options == (0, 1, 2)
    assert delivery.labels == ((0, "1 week"), (1, "2 weeks"), (2, "1 month"))
    buyer = {st.issue: st for st in s.stakes if st.actor == "trade_buyer"}
    # raw 10, 6, 2 -> 1, 0.6, 0.2; 2, 8 -> 0.25, 1; 0, 4, 5 -> 0, 0.8, 1
    assert buyer["delivery"].evaluations == ((0, 1.0), (1, 0.6), (2, 0.2))
    assert buyer["payment"].evaluations == ((0, 0.25), (1, 1.0))
    assert buyer["warranty"].evaluations == ((0, 0.0), (1, 0.8), (2, 1.0))
    assert [buyer[i].salience for i in ("delivery", "payment", "warranty")] == [0.5, 0.2, 0.3]
    assert buyer["warranty"].position == 2  # the value with the highest evaluation


def test_utilities_are_genius_weighted_sums():
    s = load_scenario(TRADE)
    # 1 week, cash, 1 year: buyer .5*1 + .2*.25 + .3*.8; seller .25*.25 + .5*1 + .25*(3/4)
    u = utilities(s, [[0, 0, 1], [2, 1, 0]])
    assert u[0].tolist() == pytest.approx([0.79, 0.75], abs=1e-12)
    # 1 month, 30 days, none: buyer .5*.2 + .2*1 + 0; seller .25*1 + .5*.5 + .25*1
    assert u[1].tolist() == pytest.approx([0.3, 0.75], abs=1e-12)


def test_reservation_value_and_discount_factor():
    s = load_scenario(TRADE)
    buyer, seller = s.actors
    assert buyer.reservation_utility == 0.4 and buyer.discount_factor == 0.9
    assert seller.reservation_utility == 0.3 and seller.discount_factor is None
    result = analyse_deals(s)
    assert result.reservation == pytest.approx((0.4, 0.3))  # GENIUS's disagreement point


def test_the_frontier_follows_genius_not_raw_evaluations():
    """GENIUS divides by each issue's maximum; keeping raw evaluations (as NegMAS's loader
    does) would give a different frontier on this domain."""
    result = analyse_deals(load_scenario(TRADE))
    frontier = {tuple(int(v) for v in row) for row in result.frontier.values.tolist()}
    assert frontier == {(0, 0, 1), (0, 0, 2), (0, 1, 1), (0, 1, 2), (1, 0, 1), (2, 0, 0), (2, 0, 1)}
    raw_frontier = {(0, 0, 0), (0, 0, 1), (0, 1, 1), (0, 1, 2), (1, 0, 0), (2, 0, 0)}
    assert frontier != raw_frontier


def test_integer_and_real_issues():
    s = load_scenario(PRICE)
    units, price = s.issues
    assert units.options == (1, 2, 3, 4, 5) and (units.low, units.high) == (1, 5)
    assert price.options is None and (price.low, price.high) == (10, 20)
    a = {st.issue: st for st in s.stakes if st.actor == "price_a"}
    # integer: clamp(0 + 0.25 * (v - 1)); real: clamp(2.5 - 0.125 v) with its kink at 12
    assert a["units"].evaluations == ((1, 0.0), (5, 1.0))
    assert a["price"].evaluations == ((10, 1.0), (12, 1.0), (20, 0.0))
    space = outcome_space(s, steps=5)  # price 10, 12.5, 15, 17.5, 20
    assert space.values[1].tolist() == [10, 12.5, 15, 17.5, 20]
    u = utilities(s, [[2, 1]])  # 3 units at 12.5
    # A: .4 * .5 + .6 * (2.5 - .125 * 12.5); B: (.2 * .5 + .6 * (-1 + 1.25)) / 0.8
    assert u[0].tolist() == pytest.approx([0.4 * 0.5 + 0.6 * 0.9375, (0.1 + 0.15) / 0.8])


def test_weights_summing_below_one_rescale_the_reservation_value_too():
    s = load_scenario(PRICE)
    b = s.actor("price_b")
    assert b.reservation_utility == pytest.approx(0.2 / 0.8)
    assert "price_b's weights sum to 0.8" in (s.description or "")


def test_profiles_next_to_the_domain_a_folder_or_given_explicitly(tmp_path):
    from_file = load_scenario(TRADE)
    from_folder = load_scenario(TRADE.parent)
    assert from_folder == from_file
    one = load_scenario(
        TRADE, profiles=[TRADE.parent / "trade_seller.xml", TRADE.parent / "trade_buyer.xml"]
    )
    assert [a.id for a in one.actors] == ["trade_seller", "trade_buyer"]
    # parse_scenario finds the profiles next to the source path too
    assert parse_scenario(TRADE.read_text(), str(TRADE)) == from_file
    alone = tmp_path / "trade_domain.xml"
    shutil.copy(TRADE, alone)
    with pytest.raises(InputError, match="found 0 GENIUS profile"):
        load_scenario(alone)


def test_conversion_to_yaml_is_lossless(tmp_path):
    s = load_scenario(TRADE)
    text = dump_scenario(s, "yaml")
    out = tmp_path / "trade.yaml"
    out.write_text(text)
    back = load_scenario(out)
    assert back == s
    assert analyse_deals(back).to_dict() == analyse_deals(s).to_dict()
    with pytest.raises(InputError, match="without loss"):
        dump_scenario(s, "ktab")


# --------------------------------------------------------------------------------------------
# Bad files: one message naming the file, the line and the element

DOMAIN = """<?xml version="1.0"?>
<negotiation_template>
  <utility_space>
    <objective index="0" name="d">
      <issue index="1" name="x" type="discrete">
        <item index="1" value="a"/>
        <item index="2" value="b"/>
      </issue>
    </objective>
  </utility_space>
</negotiation_template>
"""

PROFILE = """<?xml version="1.0"?>
<utility_space>
  <objective index="0" name="d">
    <issue index="1" name="x" type="discrete">
      <item index="1" value="a" evaluation="{a}"/>
      <item index="2" value="b" evaluation="2"/>
    </issue>
    <weight index="1" value="{w}"/>
  </objective>
</utility_space>
"""


def write(tmp_path, domain=DOMAIN, first=None, second=None):
    (tmp_path / "d.xml").write_text(domain)
    (tmp_path / "p1.xml").write_text(first or PROFILE.format(a=1, w=1))
    (tmp_path / "p2.xml").write_text(second or PROFILE.format(a=3, w=1))
    return tmp_path / "d.xml"


def problem(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        load_scenario(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_well_formed_minimal_domain(tmp_path):
    s = load_scenario(write(tmp_path))
    assert [a.id for a in s.actors] == ["p1", "p2"]
    assert s.stake("p2", "x").evaluations == ((0, 1.0), (1, 2 / 3))


def test_doctype_and_entities_are_refused(tmp_path):
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n' + DOMAIN.split("\n", 1)[1]
    )
    message = problem(write(tmp_path, domain=bomb))
    assert message.startswith(f"{tmp_path / 'd.xml'}:2: ") and "DOCTYPE" in message


def test_non_linear_profiles_are_refused_naming_the_element(tmp_path):
    nonlinear = PROFILE.format(a=1, w=1).replace(
        "  </objective>",
        '    <utility_function maxutility="1"><ufun type="PlainUfun"/></utility_function>\n  </objective>',
    )
    message = problem(write(tmp_path, first=nonlinear))
    assert "p1.xml:9: <utility_function>: a non-linear utility space" in message
    typed = PROFILE.format(a=1, w=1).replace("<utility_space>", '<utility_space type="constraint">')
    assert "not linear-additive" in problem(write(tmp_path, first=typed))


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (
            PROFILE.format(a=-1, w=1),
            'p1.xml:5: <item index="1" value="a">: evaluation -1 is negative',
        ),
        (PROFILE.format(a="x", w=1), "attribute evaluation='x' is not a number"),
        (
            PROFILE.format(a=1, w=1).replace('    <weight index="1" value="1"/>\n', ""),
            "has no <weight>",
        ),
        (PROFILE.format(a=1, w=1.5), "weight 1.5 lies outside [0, 1]"),
        (
            PROFILE.format(a=1, w=1).replace(
                'value="b" evaluation="2"', 'value="c" evaluation="2"'
            ),
            "'c' is not a value of issue 'x'",
        ),
        (
            PROFILE.format(a=1, w=1).replace('name="x" type', 'name="y" type'),
            "issue 1 is 'x' in the domain, not 'y'",
        ),
        (PROFILE.format(a=1, w=1).replace("</utility_space>", ""), "malformed XML"),
        (PROFILE.format(a=1, w=0), "every issue weight is 0"),
    ],
)
def test_bad_profiles(tmp_path, first, expected):
    assert expected in problem(write(tmp_path, first=first))


def test_weights_above_one_are_refused(tmp_path):
    two = DOMAIN.replace(
        "    </objective>",
        '      <issue index="2" name="z" type="integer" lowerbound="0" upperbound="3"/>\n    </objective>',
    )
    profile = PROFILE.format(a=1, w=0.7).replace(
        "  </objective>",
        '    <issue index="2" name="z" type="integer" lowerbound="0" upperbound="3">'
        '<evaluator ftype="linear" slope="0.5" offset="0"/></issue>\n'
        '    <weight index="2" value="0.5"/>\n  </objective>',
    )
    assert "issue weights sum to 1.2 > 1" in problem(
        write(tmp_path, domain=two, first=profile, second=profile)
    )


def test_bad_domains(tmp_path):
    nested = DOMAIN.replace('<issue index="1"', '<objective index="5" name="n"/><issue index="1"')
    assert "nested <objective>" in problem(write(tmp_path, domain=nested))
    assert "not a GENIUS domain" in problem(write(tmp_path, domain="<other/>\n"))
    two = tmp_path / "two"
    two.mkdir()
    (two / "a.xml").write_text(DOMAIN)
    (two / "b.xml").write_text(DOMAIN)
    assert "2 GENIUS domain files in this folder" in problem(two)
    assert "this is a GENIUS profile" in problem(write(tmp_path).parent / "p1.xml")


def test_only_xml_takes_profiles(tmp_path):
    yaml_file = TEST_DATA / "minimal.yaml"
    assert "profiles go with a GENIUS domain" in problem(yaml_file, profiles=[TRADE])


def test_outcome_space_of_a_genius_domain_is_the_product_of_its_values():
    s = load_scenario(TRADE)
    assert outcome_space(s).size == 18
    assert np.array_equal(outcome_space(s).values[1], [0, 1])
