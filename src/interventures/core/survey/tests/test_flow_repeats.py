"""The web form's repeat groups in the core: which repeats it asks, how many instances it shows
(repeat_count, required), and skip logic, filtered choices and errors evaluated per instance."""

from __future__ import annotations

from interventures.core.survey import flow
from interventures.core.survey.tests.xlsforms import household_roster_form as nested_form
from interventures.core.survey.tests.xlsforms import workbook
from interventures.core.survey.xlsform import read_xlsform


def sites_form() -> bytes:
    """A firm's sites (the respondent adds them; each with a shop asked only where there is one)
    and its partners (as many as an earlier answer says), each with its contacts (a repeat in a
    repeat)."""
    return workbook(
        [
            ["type", "name", "label", "required", "relevant", "constraint", "repeat_count"],
            ["text", "firm", "Firm", "yes"],
            ["integer", "n_partners", "How many partners?"],
            ["begin_repeat", "site", "Site"],
            ["text", "town", "Town", "yes"],
            ["select_one yn", "has_shop", "A shop there?"],
            ["text", "shop_name", "Shop name", "", "${has_shop} = 'yes'"],
            ["integer", "staff", "Staff", "", "", ". <= 1000"],
            ["end_repeat"],
            ["begin_repeat", "partner", "Partner", "", "", "", "${n_partners}"],
            ["text", "partner_name", "Partner's name", "yes"],
            ["begin_repeat", "contact", "Contact"],
            ["text", "contact_name", "Contact"],
            ["end_repeat"],
            ["end_repeat"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
        [["form_title", "form_id"], ["Sites", "sites"]],
    )


def test_the_web_form_asks_repeats_and_the_repeats_inside_them() -> None:
    form = read_xlsform(sites_form())
    assert [q.name for q in form.web_repeats()] == ["site", "partner", "contact"]
    assert [q.name for q in form.repeats_in("")] == ["site", "partner"]
    assert [q.name for q in form.repeats_in("partner")] == ["contact"]
    assert form.asks_in_repeat(form.question("shop_name"))
    assert form.asks_in_repeat(form.question("contact_name"))
    assert [q.name for q in form.not_asked() if form.in_repeat(q)] == []
    assert form.repeat_count(form.question("partner")) == "${n_partners}"


def test_each_instance_has_its_own_skip_logic_and_errors() -> None:
    form = read_xlsform(sites_form())
    answers = {
        "firm": "Kft",
        "site": [
            {"town": "Pécs", "has_shop": "yes", "staff": "5000"},
            {"has_shop": "no", "shop_name": "left over"},
        ],
    }
    ev = flow.evaluate(form, answers)
    pages = form.pages()
    site_page = next(qs for group, qs in pages if group is not None and group.name == "site")
    state = ev.page(site_page)
    assert "site[1]/shop_name" in state["relevant"]
    assert "site[2]/shop_name" not in state["relevant"]
    got = {(flow.error_key(e), e.code) for e in ev.errors_on(site_page)}
    assert got == {("site[1]/staff", "constraint"), ("site[2]/town", "required")}
    assert [i.n for i in ev.instances(form.question("site"))] == [1, 2]


def test_repeat_count_fixes_the_instances_shown_and_an_instance_key_is_checked() -> None:
    form = read_xlsform(sites_form())
    ev = flow.evaluate(form, {"firm": "Kft", "n_partners": "3", "partner": [{"partner_name": "A"}]})
    partner = form.question("partner")
    assert [i.n for i in ev.instances(partner)] == [1, 2, 3]
    assert flow.instance_count(form, partner, ev.values, 1) == (3, True)
    assert flow.instance_count(form, form.question("site"), ev.values, 2) == (2, False)
    assert flow.instance_count(form, partner, {"firm": "Kft"}, 2) == (0, True)  # not answered yet
    assert flow.instance_count(form, partner, {"n_partners": 400}, 0) == (flow.MAX_INSTANCES, True)
    assert flow.parse_instance_key(form, "site[2]/town") is not None
    for bad in (
        "site[0]/town",
        "site[51]/town",
        "site[1]/partner_name",
        "partner[1]/contact_name",  # contact_name is in partner's contact, not in partner itself
        "contact[1]/contact_name",  # contact is asked inside a partner only
        "site[1]/contact[1]/contact_name",
        "partner[1]/contact[51]/contact_name",
        "town",
    ):
        assert flow.parse_instance_key(form, bad) is None, bad
    found = flow.parse_instance_key(form, "partner[2]/contact[3]/contact_name")
    assert found is not None
    assert found.path == (("partner", 2), ("contact", 3))
    assert flow.parse_repeat_address(form, "partner[2]/contact") == (
        (("partner", 2),),
        form.question("contact"),
    )
    assert flow.parse_repeat_address(form, "contact") is None
    assert flow.parse_repeat_address(form, "site[1]/contact") is None


def test_a_repeat_in_a_repeat_is_evaluated_in_each_outer_instance() -> None:
    form = read_xlsform(nested_form())
    answers = {
        "village": "Ormánság",
        "hh": [
            {
                "head": "Kovács",
                "size": "2",
                "country": "hu",
                "member": [
                    {"member_name": "Anna", "age": "40", "works": "yes", "job": [{"employer": "Zsolnay"}]},
                    {"age": "150"},
                ],
            },
            {"head": "Horvat", "size": "1", "country": "hr", "member": [{"member_name": "Ivo", "age": "9"}]},
        ],
    }
    ev = flow.evaluate(form, answers)
    page = next(qs for group, qs in form.pages() if group is not None and group.name == "hh")
    state = ev.page(page)
    # The member repeat is as many as each household's size; the job repeat applies to a worker only.
    assert "hh[1]/member[1]/works" in state["relevant"]
    assert "hh[2]/member[1]/works" not in state["relevant"]  # aged 9
    assert "hh[1]/member[1]/job[1]/employer" in state["relevant"]
    assert "hh[1]/member[1]/job" in state["relevant"]
    assert "hh[2]/member[1]/job" not in state["relevant"]
    # The cascading select sees its household's country.
    assert state["choices"]["hh[1]/member[1]/city"] == ["pecs"]
    assert state["choices"]["hh[2]/member[1]/city"] == ["osijek"]
    got = {(flow.error_key(e), e.code) for e in ev.errors_on(page)}
    assert got == {("hh[1]/member[2]/age", "constraint"), ("hh[1]/member[2]/member_name", "required")}
    hh = ev.instances(form.question("hh"))
    assert [i.path for i in hh[0].walk()] == [
        "hh[1]",
        "hh[1]/member[1]",
        "hh[1]/member[1]/job[1]",
        "hh[1]/member[2]",
    ]
    assert flow.instance_count(form, form.question("member"), {"size": "3"}, 1) == (3, True)
