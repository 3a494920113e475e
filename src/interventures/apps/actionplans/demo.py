"""Synthetic Action Plans for the five regions, each grounded in what the project summary says about
its policy instrument, citing the demo's own figures by their identifiers (only those the demo
analysis published) and the reference good practices, with monitoring entries on the plans that have
reached endorsement. Every plan, entry and improvement is marked as demo content; the plan's texts
carry a translation into the region's language.

- Hungary–Croatia (draft): the Beneficiary Light scheme amended with a preparedness test, a
  development plan, pre-financing and call documents in the partners' languages;
- Lombardy (endorsed): calls with sectoral preferences for internationalisation, and SMEs in the
  policy dialogue;
- Podkarpackie (in review): cross-border SME networking within the regional programme;
- Castilla y León (endorsed): calls for networking and international clusterisation;
- Lithuania (signed): more attractive calls for more traditional sectors, with simpler
  administrative requirements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis.selectors import figure_list, run_latest
from interventures.apps.common.models import Region
from interventures.apps.learning.models import GoodPractice
from interventures.apps.partnership.models import Organisation
from interventures.apps.partnership.selectors import instrument_for_region

from . import services
from .models import Action, ActionPlan, ActionStatus, ChangeKind, ImprovementType, Indicator, PlanStatus

SYNTHETIC = " (synthetic)"


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    baseline: str
    target: str
    source: str
    translated: dict[str, str] = field(default_factory=dict)  # lang -> name


@dataclass(frozen=True)
class DemoEntry:
    date: dt.date
    status: ActionStatus
    progress: str
    obstacles: str = ""
    values: tuple[str, ...] = ()  # one per indicator, "" for none


@dataclass(frozen=True)
class DemoAction:
    title: str
    background: str
    description: str
    timeframe: str
    costs: str
    funding: str
    indicators: tuple[DemoIndicator, ...]
    figures: dict[str, str]  # the figure's key after SAR-<region>- -> how it supports the action
    practice: str = ""
    translated: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> field -> text
    monitoring: tuple[DemoEntry, ...] = ()


@dataclass(frozen=True)
class DemoPlan:
    region: str
    status: PlanStatus
    improvement: ImprovementType
    context: str
    context_translated: dict[str, str]
    actions: tuple[DemoAction, ...]
    improvements: tuple[tuple[ChangeKind, str, dt.date, str], ...] = ()


PLANS = (
    DemoPlan(
        region="hu-hr",
        status=PlanStatus.DRAFT,
        improvement=ImprovementType.MANAGEMENT,
        context=(
            "The Beneficiary Light scheme of the Interreg V-A Hungary-Croatia programme allocates "
            "7.6 M EUR to SMEs on both sides of the border. Two calls were announced; no grant contract "
            "was signed yet and fewer SMEs applied to the 2nd call. Pre-financing conditions and the "
            "programme language (English) discourage SMEs from applying."
        ),
        context_translated={
            "hu": (
                "Az Interreg V-A Magyarország–Horvátország program Beneficiary Light konstrukciója "
                "7,6 millió eurót szán a határ két oldalán működő kkv-knak. Két felhívás jelent meg; "
                "támogatási szerződést még nem írtak alá, és a 2. felhívásra kevesebb kkv pályázott. Az "
                "előfinanszírozás feltételei és a program nyelve (angol) elriasztják a kkv-kat."
            ),
            "hr": (
                "Shema Beneficiary Light programa Interreg V-A Mađarska–Hrvatska namjenjuje 7,6 milijuna "
                "eura MSP-ovima s obje strane granice. Objavljena su dva poziva; ugovor o dodjeli još nije "
                "potpisan, a na 2. poziv prijavilo se manje MSP-ova. Uvjeti predfinanciranja i jezik "
                "programa (engleski) obeshrabruju MSP-ove od prijave."
            ),
        },
        actions=(
            DemoAction(
                title="Amend the Beneficiary Light scheme: preparedness test, development plan, pre-financing",
                background=(
                    "The partners' study visits showed schemes that screen applicants with a short "
                    "preparedness test and support them with a development plan before the call."
                ),
                description=(
                    "Propose to the Joint Secretariat a preparedness test for applicants, a development "
                    "plan as part of the application, an advance payment for micro enterprises and call "
                    "documents in Hungarian and Croatian."
                ),
                timeframe="2021 Q1 – 2022 Q2",
                costs="25000.00",
                funding="Technical assistance of the programme" + SYNTHETIC,
                indicators=(
                    DemoIndicator(
                        "SMEs applying to the next call",
                        "SMEs",
                        "40",
                        "80",
                        "Joint Secretariat monitoring" + SYNTHETIC,
                        {
                            "hu": "A következő felhívásra pályázó kkv-k",
                            "hr": "MSP-ovi prijavljeni na sljedeći poziv",
                        },
                    ),
                ),
                figures={
                    "CAP-finance": "SMEs' financial capacity, the weakness the scheme was built for",
                    "BAR-prefinancing": "pre-financing named as a barrier by SMEs",
                    "BAR-programme_language": "the programme language named as a barrier by SMEs",
                },
                practice="b-light-hu-hr",
                translated={
                    "hu": {
                        "title": "A Beneficiary Light konstrukció módosítása: felkészültségi teszt, fejlesztési terv, előfinanszírozás",
                        "description": (
                            "Javaslat a Közös Titkárságnak: felkészültségi teszt a pályázóknak, fejlesztési "
                            "terv a pályázat részeként, előleg a mikrovállalkozásoknak, és magyar és horvát "
                            "nyelvű felhívási dokumentumok."
                        ),
                    },
                    "hr": {
                        "title": "Izmjena sheme Beneficiary Light: test spremnosti, razvojni plan, predfinanciranje",
                        "description": (
                            "Prijedlog Zajedničkom tajništvu: test spremnosti za prijavitelje, razvojni plan "
                            "kao dio prijave, predujam za mikropoduzeća i dokumentacija poziva na mađarskom i "
                            "hrvatskom jeziku."
                        ),
                    },
                },
            ),
        ),
    ),
    DemoPlan(
        region="lombardia",
        status=PlanStatus.ENDORSED,
        improvement=ImprovementType.STRATEGIC_FOCUS,
        context=(
            "The ERDF Regional Operational Programme of Lombardy supports export promotion projects of "
            "SMEs and their aggregated forms. SMEs and micro-enterprises need to take part in the policy "
            "dialogue on the funding schemes, and the calls should state clearer sectoral preferences "
            "for internationalisation."
        ),
        context_translated={
            "it": (
                "Il Programma Operativo Regionale FESR della Lombardia sostiene progetti di promozione "
                "dell'export delle PMI e delle loro forme aggregate. PMI e microimprese devono partecipare "
                "al dialogo sulle misure di finanziamento, e i bandi dovrebbero indicare preferenze "
                "settoriali più chiare per l'internazionalizzazione."
            )
        },
        actions=(
            DemoAction(
                title="Calls with sectoral preferences for internationalisation",
                background=(
                    "The Emilia-Romagna call for non-exporting firms showed that a call aimed at a clear "
                    "group of firms reaches SMEs that general calls miss."
                ),
                description=(
                    "Propose to the managing authority criteria that reward internationalisation "
                    "projects of the sectors named in the regional smart specialisation strategy."
                ),
                timeframe="2021 Q2 – 2022 Q1",
                costs="18000.00",
                funding="Regional budget for the programme's technical assistance" + SYNTHETIC,
                indicators=(
                    DemoIndicator(
                        "Calls with sectoral preferences",
                        "calls",
                        "0",
                        "2",
                        "Managing authority" + SYNTHETIC,
                        {"it": "Bandi con preferenze settoriali"},
                    ),
                ),
                figures={
                    "ACT-exports": "the share of SMEs that export today",
                    "NEED-market_info": "SMEs asking for market information",
                },
                practice="non-exporters-call-emilia-romagna",
                translated={
                    "it": {
                        "title": "Bandi con preferenze settoriali per l'internazionalizzazione",
                        "description": (
                            "Proporre all'autorità di gestione criteri che premino i progetti di "
                            "internazionalizzazione dei settori della strategia regionale di "
                            "specializzazione intelligente."
                        ),
                    }
                },
                monitoring=(
                    DemoEntry(
                        dt.date(2021, 6, 30),
                        ActionStatus.ON_TRACK,
                        "Criteria discussed with the managing authority" + SYNTHETIC,
                        values=("0",),
                    ),
                    DemoEntry(
                        dt.date(2021, 12, 15),
                        ActionStatus.DONE,
                        "First call with sectoral preferences published" + SYNTHETIC,
                        values=("1",),
                    ),
                ),
            ),
            DemoAction(
                title="SMEs in the policy dialogue on the funding schemes",
                background="SMEs asked, in the survey and the stakeholder meetings, to be heard before calls are written.",
                description=(
                    "A standing consultation of SMEs and their associations, held by the chambers of "
                    "commerce before each call for internationalisation."
                ),
                timeframe="2021 Q3 – 2022 Q2",
                costs="12000.00",
                funding="Unioncamere Lombardia own budget" + SYNTHETIC,
                indicators=(
                    DemoIndicator(
                        "Consultations held",
                        "meetings",
                        "0",
                        "4",
                        "Unioncamere Lombardia" + SYNTHETIC,
                        {"it": "Consultazioni svolte"},
                    ),
                ),
                figures={"NEED-networking": "SMEs asking for networking"},
                translated={
                    "it": {
                        "title": "Le PMI nel dialogo sulle misure di finanziamento",
                        "description": (
                            "Una consultazione permanente delle PMI e delle loro associazioni, tenuta "
                            "dalle camere di commercio prima di ogni bando per l'internazionalizzazione."
                        ),
                    }
                },
                monitoring=(
                    DemoEntry(
                        dt.date(2021, 12, 15),
                        ActionStatus.LATE,
                        "One consultation held" + SYNTHETIC,
                        "The second meeting moved to 2022" + SYNTHETIC,
                        values=("1",),
                    ),
                ),
            ),
        ),
        improvements=(
            (
                ChangeKind.NEW_CALL,
                "A call with sectoral preferences for internationalisation" + SYNTHETIC,
                dt.date(2021, 12, 1),
                "1500000.00",
            ),
        ),
    ),
    DemoPlan(
        region="podkarpackie",
        status=PlanStatus.IN_REVIEW,
        improvement=ImprovementType.NEW_PROJECTS,
        context=(
            "The Regional Operational Programme for Podkarpackie still has budget for the "
            "internationalisation of SMEs, including cross-border cooperation, but cross-border SME "
            "cooperation and network building are hardly visible in it, and the Poland-Slovakia "
            "programme has no SME competitiveness priority."
        ),
        context_translated={
            "pl": (
                "Regionalny Program Operacyjny Województwa Podkarpackiego nadal ma środki na "
                "umiędzynarodowienie MŚP, także na współpracę transgraniczną, ale transgraniczna "
                "współpraca MŚP i budowanie sieci są w nim ledwo widoczne, a program Polska–Słowacja nie "
                "ma priorytetu konkurencyjności MŚP."
            )
        },
        actions=(
            DemoAction(
                title="Cross-border SME networking within the regional programme",
                background=(
                    "The partners saw cross-border business meetings that led SMEs to joint offers abroad."
                ),
                description=(
                    "A project of the regional development agency that brings SMEs of Podkarpackie and "
                    "of the neighbouring Slovak and Ukrainian regions together in sector meetings, with "
                    "follow-up support for joint projects."
                ),
                timeframe="2021 Q3 – 2022 Q3",
                costs="60000.00",
                funding="Regional Operational Programme, priority axis 1" + SYNTHETIC,
                indicators=(
                    DemoIndicator(
                        "SMEs taking part in cross-border meetings",
                        "SMEs",
                        "0",
                        "120",
                        "Rzeszow Regional Development Agency" + SYNTHETIC,
                        {"pl": "MŚP uczestniczące w spotkaniach transgranicznych"},
                    ),
                ),
                figures={
                    "ACT-cross_border": "SMEs that already work across the border",
                    "BAR-partners": "finding partners named as a barrier",
                },
                translated={
                    "pl": {
                        "title": "Transgraniczne sieci MŚP w ramach programu regionalnego",
                        "description": (
                            "Projekt regionalnej agencji rozwoju, który łączy MŚP z Podkarpacia oraz "
                            "sąsiednich regionów Słowacji i Ukrainy na spotkaniach branżowych, ze "
                            "wsparciem dla wspólnych projektów."
                        ),
                    }
                },
            ),
        ),
    ),
    DemoPlan(
        region="castilla-y-leon",
        status=PlanStatus.ENDORSED,
        improvement=ImprovementType.STRATEGIC_FOCUS,
        context=(
            "The calls of priority axis 3 of the ERDF Operational Programme of Castilla y León focus "
            "on regional internationalisation plans; calls for training, networking and international "
            "clusterisation are scarce, except for the RESOE macro-region."
        ),
        context_translated={
            "es": (
                "Las convocatorias del eje prioritario 3 del Programa Operativo FEDER de Castilla y León "
                "se centran en planes regionales de internacionalización; escasean las convocatorias de "
                "formación, trabajo en red y clusterización internacional, salvo la macrorregión RESOE."
            )
        },
        actions=(
            DemoAction(
                title="Calls for networking and international clusterisation",
                background=(
                    "The network of internationalisation technicians of SODEBUR showed how shared "
                    "experts bring small firms into joint projects abroad."
                ),
                description=(
                    "Propose a call line for networks and clusters of SMEs that prepare joint "
                    "international projects, with cross-border partners from Portugal."
                ),
                timeframe="2021 Q1 – 2022 Q2",
                costs="40000.00",
                funding="ERDF Operational Programme Castilla y León, priority axis 3" + SYNTHETIC,
                indicators=(
                    DemoIndicator(
                        "SME networks funded",
                        "networks",
                        "0",
                        "6",
                        "Managing authority" + SYNTHETIC,
                        {"es": "Redes de pymes financiadas"},
                    ),
                ),
                figures={
                    "CAP-networks": "SMEs' capacity to build networks",
                    "NEED-networking": "SMEs asking for networking",
                },
                practice="sodebur-technicians-network",
                translated={
                    "es": {
                        "title": "Convocatorias de trabajo en red y clusterización internacional",
                        "description": (
                            "Proponer una línea de convocatoria para redes y clústeres de pymes que "
                            "preparen proyectos internacionales conjuntos, con socios transfronterizos de "
                            "Portugal."
                        ),
                    }
                },
                monitoring=(
                    DemoEntry(
                        dt.date(2021, 9, 30),
                        ActionStatus.ON_TRACK,
                        "Call line drafted with the managing authority" + SYNTHETIC,
                        values=("0",),
                    ),
                    DemoEntry(
                        dt.date(2022, 3, 31),
                        ActionStatus.ON_TRACK,
                        "First networks selected" + SYNTHETIC,
                        values=("3",),
                    ),
                ),
            ),
        ),
        improvements=(
            (
                ChangeKind.NEW_CALL,
                "A call line for SME networks and clusters" + SYNTHETIC,
                dt.date(2022, 1, 20),
                "2000000.00",
            ),
        ),
    ),
    DemoPlan(
        region="lt-klaipeda",
        status=PlanStatus.SIGNED,
        improvement=ImprovementType.MANAGEMENT,
        context=(
            "Measure 3.2.1 of the Operational Programme for the EU Funds' Investments in Lithuania "
            "supports SMEs at international exhibitions, among other calls. The calls should become "
            "more attractive: open to more traditional sectors, with simpler administrative "
            "requirements, eligibility and assessment criteria."
        ),
        context_translated={
            "lt": (
                "Lietuvos 2014–2020 m. ES fondų investicijų veiksmų programos priemonė 3.2.1 be kitų "
                "kvietimų remia MVĮ dalyvavimą tarptautinėse parodose. Kvietimai turėtų tapti "
                "patrauklesni: atviri tradiciniams sektoriams, su paprastesniais administraciniais "
                "reikalavimais, tinkamumo ir vertinimo kriterijais."
            )
        },
        actions=(
            DemoAction(
                title="More attractive calls for more traditional sectors, with simpler requirements",
                background=(
                    "The Klaipėda SME grants showed that a short application and a quick decision bring "
                    "firms that never applied before."
                ),
                description=(
                    "Propose to the ministry a simplified application for measure 3.2.1, open to "
                    "manufacturing, food and wood processing firms, with fewer documents at application."
                ),
                timeframe="2021 Q1 – 2022 Q1",
                costs="15000.00",
                funding="Klaipėda City Municipality" + SYNTHETIC,
                indicators=(
                    DemoIndicator(
                        "Applications from traditional sectors",
                        "applications",
                        "20",
                        "60",
                        "Lithuanian Business Support Agency" + SYNTHETIC,
                        {"lt": "Tradicinių sektorių paraiškos"},
                    ),
                ),
                figures={
                    "BAR-admin": "administrative burden named as a barrier",
                    "PRG-applied": "SMEs that applied to a programme",
                },
                practice="klaipeda-sme-grants",
                translated={
                    "lt": {
                        "title": "Patrauklesni kvietimai tradiciniams sektoriams, su paprastesniais reikalavimais",
                        "description": (
                            "Pasiūlyti ministerijai supaprastintą paraišką priemonei 3.2.1, atvirą "
                            "gamybos, maisto ir medienos perdirbimo įmonėms, su mažiau dokumentų teikiant "
                            "paraišką."
                        ),
                    }
                },
                monitoring=(
                    DemoEntry(
                        dt.date(2021, 6, 30),
                        ActionStatus.ON_TRACK,
                        "Simplified application agreed with the ministry" + SYNTHETIC,
                        values=("24",),
                    ),
                    DemoEntry(
                        dt.date(2022, 2, 28),
                        ActionStatus.DONE,
                        "Call published with the simplified application" + SYNTHETIC,
                        values=("51",),
                    ),
                ),
            ),
        ),
        improvements=(
            (
                ChangeKind.ELIGIBILITY,
                "Measure 3.2.1 opened to traditional sectors" + SYNTHETIC,
                dt.date(2021, 11, 5),
                "3250000.00",
            ),
        ),
    ),
)


def _load_plan(spec: DemoPlan, *, out: TextIO) -> None:
    region = Region.objects.filter(code=spec.region).first()
    instrument = instrument_for_region(region) if region is not None else None
    if region is None or instrument is None:
        print(
            f"actionplans demo: no {spec.region} region or instrument (run `interventures reference load`)",
            file=out,
        )
        return
    if ActionPlan.objects.filter(region=region, instrument=instrument).exists():
        # a partner's own plan is never replaced by a demo
        print(f"actionplans demo: {spec.region} already has an Action Plan; no demo plan", file=out)
        return
    plan = services.plan_create(user=OPERATOR, region=region, instrument=instrument, is_demo=True)
    organisations = list(Organisation.objects.filter(region=region).order_by("order", "pk"))
    services.plan_context_save(
        user=OPERATOR,
        plan=plan,
        organisation=organisations[0] if organisations else None,
        other_organisations=organisations[1:2],
        contact="Demo contact" + SYNTHETIC,
        improvement_type=spec.improvement,
        context=spec.context,
    )
    run = run_latest(region=region)
    published = figure_list(run=run).filter(suppressed=False) if run is not None else None
    cited = 0
    entries: list[tuple[Action, list[Indicator], DemoEntry]] = []
    for demo in spec.actions:
        action = services.action_save(
            user=OPERATOR,
            plan=plan,
            action=None,
            title=demo.title,
            background=demo.background,
            description=demo.description,
        )
        services.action_money_save(
            user=OPERATOR,
            action=action,
            players=organisations[:2],
            timeframe=demo.timeframe,
            costs=Decimal(demo.costs),
            funding=demo.funding,
        )
        indicators = [
            services.indicator_add(
                user=OPERATOR,
                action=action,
                name=ind.name,
                unit=ind.unit,
                baseline=Decimal(ind.baseline),
                target=Decimal(ind.target),
                source=ind.source,
            )
            for ind in demo.indicators
        ]
        for lang, fields in demo.translated.items():
            services.plan_translation_save(
                user=OPERATOR,
                plan=plan,
                lang=lang,
                actions={action.pk: fields},
                indicators={
                    i.pk: {"name": ind.translated[lang]}
                    for i, ind in zip(indicators, demo.indicators, strict=True)
                    if lang in ind.translated
                },
            )
        for key, note in demo.figures.items():
            identifier = f"SAR-{spec.region}-{key}"
            if published is not None and published.filter(identifier=identifier).exists():
                services.evidence_add(
                    user=OPERATOR, action=action, kind="figure", key=identifier, note=note, language="en"
                )
                cited += 1
        if demo.practice and GoodPractice.objects.filter(validated=True, slug=demo.practice).exists():
            services.evidence_add(user=OPERATOR, action=action, kind="practice", key=demo.practice)
            cited += 1
        entries.extend((action, indicators, entry) for entry in demo.monitoring)
    for lang, text in spec.context_translated.items():
        services.plan_translation_save(user=OPERATOR, plan=plan, lang=lang, context=text)
    _review_comments(plan, spec.region)
    _advance(plan, spec.status)
    if plan.status in (PlanStatus.ENDORSED, PlanStatus.SIGNED):
        for action, indicators, entry in entries:
            services.monitoring_add(
                user=OPERATOR,
                action=action,
                date=entry.date,
                status=entry.status,
                progress=entry.progress,
                obstacles=entry.obstacles,
                values={str(i.pk): v for i, v in zip(indicators, entry.values, strict=False) if v},
                is_demo=True,
            )
        for kind, description, date, funds in spec.improvements:
            services.improvement_add(
                user=OPERATOR,
                plan=plan,
                kind=kind,
                description=description,
                date=date,
                funds_influenced=Decimal(funds),
                is_demo=True,
            )
    print(
        f"actionplans demo: {spec.region} Action Plan ({plan.get_status_display()}), "
        f"{len(spec.actions)} action(s) citing {cited} findings",
        file=out,
    )


# The review as the demo shows it (synthetic): a stakeholder's comment in the region's language with
# its English translation, and the advisory partner's comment in English.
STAKEHOLDER_COMMENTS: dict[str, tuple[str, str, str]] = {
    "hu-hr": (
        "hu",
        "Demó megjegyzés: a pályázati dokumentumok horvát nyelven is jelenjenek meg.",
        "Demo comment: the call documents should also be published in Croatian.",
    ),
    "lombardia": (
        "it",
        "Commento demo: coinvolgere le associazioni di categoria nel dialogo sulle politiche.",
        "Demo comment: involve the trade associations in the policy dialogue.",
    ),
    "podkarpackie": (
        "pl",
        "Komentarz demonstracyjny: uwzględnić sieci współpracy transgranicznej MŚP.",
        "Demo comment: include the SMEs' cross-border cooperation networks.",
    ),
    "castilla-y-leon": (
        "es",
        "Comentario de demostración: prever la participación de los clústeres en redes europeas.",
        "Demo comment: provide for the clusters' participation in European networks.",
    ),
    "lt-klaipeda": (
        "lt",
        "Demonstracinis komentaras: supaprastinti paraiškų reikalavimus tradicinių sektorių įmonėms.",
        "Demo comment: simplify the application requirements for companies of traditional sectors.",
    ),
}
ADVISOR_COMMENT = (
    "Demo comment of the advisory partner: tie each indicator to the policy instrument's own output "
    "indicator, so that the managing authority can see what the action changes in the programme."
)


def _review_comments(plan: ActionPlan, region: str) -> None:
    """The demo users' comments on the plan (none when the accounts demo has not made the users)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    stakeholder = users.filter(username=f"stakeholder-{region}").first()
    if stakeholder is not None and region in STAKEHOLDER_COMMENTS:
        lang, text, english = STAKEHOLDER_COMMENTS[region]
        comment = services.comment_add(user=stakeholder, plan=plan, section="part2", text=text, language=lang)
        services.text_translation_save(user=stakeholder, obj=comment, lang="en", fields={"text": english})
    advisor = users.filter(username="advisor").first()
    if advisor is not None:
        services.comment_add(user=advisor, plan=plan, section="part3", text=ADVISOR_COMMENT, language="en")


def _advance(plan: ActionPlan, status: PlanStatus) -> None:
    """Take the plan through the review to `status`, as the partner and the coordinator would."""
    steps = {
        PlanStatus.DRAFT: [],
        PlanStatus.IN_REVIEW: ["submit"],
        PlanStatus.ENDORSED: ["submit", "endorse"],
        PlanStatus.SIGNED: ["submit", "endorse", "sign"],
    }[status]
    for step in steps:
        try:
            services.plan_transition(user=OPERATOR, plan=plan, transition=step)
        except services.ActionPlanError:
            return  # a plan that misses a cited figure (no demo analysis) stays a draft


def load(*, out: TextIO) -> None:
    ActionPlan.objects.filter(is_demo=True).delete()
    for spec in PLANS:
        _load_plan(spec, out=out)
