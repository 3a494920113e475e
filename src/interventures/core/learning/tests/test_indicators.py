from interventures.core.learning.indicators import increased_capacity, person_key


def test_a_person_is_counted_once_across_events() -> None:
    ana = person_key(email="Ana@Example.org ", name="Ana")
    ana_again = person_key(email="ana@example.org", name="Ana K.")
    ivan = person_key(email="", name="Ivan  Horvát")
    ivan_again = person_key(email="", name="ivan horvat")
    marta = person_key(email="marta@example.org", name="Marta")
    result = increased_capacity(
        [(ana, True), (ana_again, True), (ivan, False), (ivan_again, True), (marta, False)]
    )
    assert result.people == 2
    assert result.answers == 3
    assert result.respondents == 3


def test_nobody_reporting_a_gain_gives_zero() -> None:
    assert increased_capacity([("email:a", False)]).people == 0
