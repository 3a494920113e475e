"""The standard Inter Ventures SME questionnaire: the capacity model's items (the preparedness test)
plus company profile, international activity, barriers, awareness and use of support, and support
needs, in the seven project languages (en hu hr it pl es lt).

NACE section titles are Eurostat's own translations (data/nace_sections.csv, derived from
/work/shared/data/nace/nace_rev2_multilingual.csv; see SOURCES.md there).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .form import Choice, Form, Question, with_group_paths

LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")
STANDARD_ID = "interventures_sme"
DATA = Path(__file__).parent / "data"


def L(en: str, hu: str, hr: str, it: str, pl: str, es: str, lt: str) -> dict[str, str]:  # noqa: N802
    return dict(zip(LANGS, (en, hu, hr, it, pl, es, lt), strict=True))


YES = L("Yes", "Igen", "Da", "Sì", "Tak", "Sí", "Taip")
NO = L("No", "Nem", "Ne", "No", "Nie", "No", "Ne")

SIZE = [
    (
        "micro",
        L(
            "Micro (fewer than 10 persons employed)",
            "Mikro (10 főnél kevesebb foglalkoztatott)",
            "Mikro (manje od 10 zaposlenih)",
            "Micro (meno di 10 addetti)",
            "Mikro (mniej niż 10 pracujących)",
            "Micro (menos de 10 personas ocupadas)",
            "Labai maža (mažiau nei 10 dirbančiųjų)",
        ),
    ),
    (
        "small",
        L(
            "Small (10–49)",
            "Kis (10–49 fő)",
            "Mala (10–49)",
            "Piccola (10–49)",
            "Mała (10–49)",
            "Pequeña (10–49)",
            "Maža (10–49)",
        ),
    ),
    (
        "medium",
        L(
            "Medium-sized (50–249)",
            "Közepes (50–249 fő)",
            "Srednja (50–249)",
            "Media (50–249)",
            "Średnia (50–249)",
            "Mediana (50–249)",
            "Vidutinė (50–249)",
        ),
    ),
    (
        "large",
        L(
            "Large (250 or more)",
            "Nagy (250 fő vagy több)",
            "Velika (250 ili više)",
            "Grande (250 o più)",
            "Duża (250 lub więcej)",
            "Grande (250 o más)",
            "Didelė (250 ar daugiau)",
        ),
    ),
]
TURNOVER = [
    (
        "lt2m",
        L(
            "Up to €2 million",
            "Legfeljebb 2 millió €",
            "Do 2 milijuna €",
            "Fino a 2 milioni di €",
            "Do 2 mln €",
            "Hasta 2 millones de €",
            "Iki 2 mln. €",
        ),
    ),
    (
        "2_10m",
        L(
            "€2–10 million",
            "2–10 millió €",
            "2–10 milijuna €",
            "2–10 milioni di €",
            "2–10 mln €",
            "2–10 millones de €",
            "2–10 mln. €",
        ),
    ),
    (
        "10_50m",
        L(
            "€10–50 million",
            "10–50 millió €",
            "10–50 milijuna €",
            "10–50 milioni di €",
            "10–50 mln €",
            "10–50 millones de €",
            "10–50 mln. €",
        ),
    ),
    (
        "gt50m",
        L(
            "More than €50 million",
            "Több mint 50 millió €",
            "Više od 50 milijuna €",
            "Oltre 50 milioni di €",
            "Powyżej 50 mln €",
            "Más de 50 millones de €",
            "Daugiau nei 50 mln. €",
        ),
    ),
]
COUNTRIES = [
    ("AT", L("Austria", "Ausztria", "Austrija", "Austria", "Austria", "Austria", "Austrija")),
    ("HR", L("Croatia", "Horvátország", "Hrvatska", "Croazia", "Chorwacja", "Croacia", "Kroatija")),
    ("HU", L("Hungary", "Magyarország", "Mađarska", "Ungheria", "Węgry", "Hungría", "Vengrija")),
    ("SI", L("Slovenia", "Szlovénia", "Slovenija", "Slovenia", "Słowenia", "Eslovenia", "Slovėnija")),
    ("RS", L("Serbia", "Szerbia", "Srbija", "Serbia", "Serbia", "Serbia", "Serbija")),
    ("IT", L("Italy", "Olaszország", "Italija", "Italia", "Włochy", "Italia", "Italija")),
    ("CH", L("Switzerland", "Svájc", "Švicarska", "Svizzera", "Szwajcaria", "Suiza", "Šveicarija")),
    ("FR", L("France", "Franciaország", "Francuska", "Francia", "Francja", "Francia", "Prancūzija")),
    ("DE", L("Germany", "Németország", "Njemačka", "Germania", "Niemcy", "Alemania", "Vokietija")),
    ("PL", L("Poland", "Lengyelország", "Poljska", "Polonia", "Polska", "Polonia", "Lenkija")),
    ("SK", L("Slovakia", "Szlovákia", "Slovačka", "Slovacchia", "Słowacja", "Eslovaquia", "Slovakija")),
    ("UA", L("Ukraine", "Ukrajna", "Ukrajina", "Ucraina", "Ukraina", "Ucrania", "Ukraina")),
    ("ES", L("Spain", "Spanyolország", "Španjolska", "Spagna", "Hiszpania", "España", "Ispanija")),
    ("PT", L("Portugal", "Portugália", "Portugal", "Portogallo", "Portugalia", "Portugal", "Portugalija")),
    ("LT", L("Lithuania", "Litvánia", "Litva", "Lituania", "Litwa", "Lituania", "Lietuva")),
    ("LV", L("Latvia", "Lettország", "Latvija", "Lettonia", "Łotwa", "Letonia", "Latvija")),
    (
        "other_eu",
        L(
            "Other EU country",
            "Más EU-ország",
            "Druga zemlja EU-a",
            "Altro paese UE",
            "Inny kraj UE",
            "Otro país de la UE",
            "Kita ES šalis",
        ),
    ),
    (
        "non_eu",
        L(
            "Country outside the EU",
            "EU-n kívüli ország",
            "Zemlja izvan EU-a",
            "Paese extra UE",
            "Kraj spoza UE",
            "País fuera de la UE",
            "Šalis už ES ribų",
        ),
    ),
]
BARRIERS = [
    (
        "finance",
        L(
            "Lack of finance",
            "Finanszírozás hiánya",
            "Nedostatak financiranja",
            "Mancanza di finanziamenti",
            "Brak finansowania",
            "Falta de financiación",
            "Finansavimo trūkumas",
        ),
    ),
    (
        "prefinancing",
        L(
            "Pre-financing conditions of grants (costs paid before reimbursement)",
            "A támogatások előfinanszírozási feltételei (a költségeket a visszatérítés előtt kell fizetni)",
            "Uvjeti predfinanciranja potpora (troškovi se plaćaju prije povrata)",
            "Condizioni di prefinanziamento dei contributi (costi pagati prima del rimborso)",
            "Warunki prefinansowania dotacji (koszty ponoszone przed refundacją)",
            "Condiciones de prefinanciación de las ayudas (costes pagados antes del reembolso)",
            "Dotacijų išankstinio finansavimo sąlygos (išlaidos apmokamos prieš kompensavimą)",
        ),
    ),
    (
        "programme_language",
        L(
            "Programme and call documents only in English",
            "A program és a pályázati dokumentumok csak angolul érhetők el",
            "Dokumenti programa i poziva samo na engleskom",
            "Documenti del programma e dei bandi solo in inglese",
            "Dokumenty programu i naborów tylko po angielsku",
            "Documentos del programa y de las convocatorias solo en inglés",
            "Programos ir kvietimų dokumentai tik anglų kalba",
        ),
    ),
    (
        "admin",
        L(
            "Administrative burden of applications",
            "A pályázás adminisztratív terhei",
            "Administrativno opterećenje prijava",
            "Oneri amministrativi delle domande",
            "Obciążenia administracyjne wniosków",
            "Carga administrativa de las solicitudes",
            "Paraiškų administracinė našta",
        ),
    ),
    (
        "partners",
        L(
            "Finding reliable partners abroad",
            "Megbízható külföldi partnerek találása",
            "Pronalaženje pouzdanih partnera u inozemstvu",
            "Trovare partner affidabili all'estero",
            "Znalezienie wiarygodnych partnerów za granicą",
            "Encontrar socios fiables en el extranjero",
            "Patikimų partnerių užsienyje paieška",
        ),
    ),
    (
        "information",
        L(
            "Lack of information on foreign markets",
            "Információhiány a külföldi piacokról",
            "Nedostatak informacija o stranim tržištima",
            "Scarsa informazione sui mercati esteri",
            "Brak informacji o rynkach zagranicznych",
            "Falta de información sobre mercados exteriores",
            "Informacijos apie užsienio rinkas trūkumas",
        ),
    ),
    (
        "skills",
        L(
            "Staff skills and foreign languages",
            "A munkatársak készségei és nyelvtudása",
            "Vještine i strani jezici zaposlenika",
            "Competenze e lingue straniere del personale",
            "Umiejętności i znajomość języków obcych pracowników",
            "Competencias e idiomas del personal",
            "Darbuotojų įgūdžiai ir užsienio kalbos",
        ),
    ),
    (
        "regulation",
        L(
            "Foreign rules, standards and certification",
            "Külföldi szabályok, szabványok és tanúsítás",
            "Strana pravila, norme i certifikacija",
            "Norme, standard e certificazioni estere",
            "Zagraniczne przepisy, normy i certyfikacja",
            "Normas, estándares y certificación extranjeros",
            "Užsienio taisyklės, standartai ir sertifikavimas",
        ),
    ),
    (
        "none",
        L(
            "No significant barriers",
            "Nincsenek jelentős akadályok",
            "Nema značajnih prepreka",
            "Nessun ostacolo rilevante",
            "Brak istotnych barier",
            "Ninguna barrera importante",
            "Reikšmingų kliūčių nėra",
        ),
    ),
]
SUPPORT = [
    (
        "chamber",
        L(
            "Chamber of commerce",
            "Kereskedelmi és iparkamara",
            "Gospodarska komora",
            "Camera di commercio",
            "Izba gospodarcza",
            "Cámara de comercio",
            "Prekybos rūmai",
        ),
    ),
    (
        "regional_agency",
        L(
            "Regional development agency",
            "Regionális fejlesztési ügynökség",
            "Regionalna razvojna agencija",
            "Agenzia di sviluppo regionale",
            "Regionalna agencja rozwoju",
            "Agencia de desarrollo regional",
            "Regiono plėtros agentūra",
        ),
    ),
    (
        "trade_agency",
        L(
            "National export or trade promotion agency",
            "Nemzeti export- vagy kereskedelemfejlesztési ügynökség",
            "Nacionalna agencija za promicanje izvoza",
            "Agenzia nazionale per la promozione dell'export",
            "Krajowa agencja promocji eksportu",
            "Agencia nacional de promoción de exportaciones",
            "Nacionalinė eksporto skatinimo agentūra",
        ),
    ),
    (
        "cluster",
        L(
            "Cluster or business network",
            "Klaszter vagy vállalkozói hálózat",
            "Klaster ili poslovna mreža",
            "Cluster o rete d'imprese",
            "Klaster lub sieć przedsiębiorstw",
            "Clúster o red empresarial",
            "Klasteris arba verslo tinklas",
        ),
    ),
    (
        "bic",
        L(
            "Business and innovation centre",
            "Üzleti és innovációs központ",
            "Poslovni i inovacijski centar",
            "Centro di innovazione per le imprese",
            "Centrum przedsiębiorczości i innowacji",
            "Centro europeo de empresas e innovación",
            "Verslo ir inovacijų centras",
        ),
    ),
    (
        "een",
        L(
            "Enterprise Europe Network",
            "Enterprise Europe Network",
            "Enterprise Europe Network",
            "Enterprise Europe Network",
            "Enterprise Europe Network",
            "Enterprise Europe Network",
            "Enterprise Europe Network",
        ),
    ),
    (
        "none",
        L(
            "None of these",
            "Egyik sem",
            "Ništa od navedenog",
            "Nessuno di questi",
            "Żadna z tych",
            "Ninguna de estas",
            "Nė viena iš šių",
        ),
    ),
]
APPLIED = [
    (
        "granted",
        L(
            "Applied and received a grant",
            "Pályáztunk és támogatást kaptunk",
            "Prijavili smo se i dobili potporu",
            "Abbiamo partecipato e ottenuto un contributo",
            "Złożyliśmy wniosek i otrzymaliśmy dotację",
            "Solicitamos y obtuvimos una ayuda",
            "Teikėme paraišką ir gavome paramą",
        ),
    ),
    (
        "not_granted",
        L(
            "Applied without success",
            "Pályáztunk, de sikertelenül",
            "Prijavili smo se bez uspjeha",
            "Abbiamo partecipato senza successo",
            "Złożyliśmy wniosek bez powodzenia",
            "Solicitamos sin éxito",
            "Teikėme paraišką, bet nesėkmingai",
        ),
    ),
    (
        "not_applied",
        L(
            "Did not apply",
            "Nem pályáztunk",
            "Nismo se prijavili",
            "Non abbiamo partecipato",
            "Nie składaliśmy wniosku",
            "No hemos solicitado",
            "Paraiškos neteikėme",
        ),
    ),
]
NEEDS = [
    (
        "market_info",
        L(
            "Information on foreign markets",
            "Információ a külföldi piacokról",
            "Informacije o stranim tržištima",
            "Informazioni sui mercati esteri",
            "Informacje o rynkach zagranicznych",
            "Información sobre mercados exteriores",
            "Informacija apie užsienio rinkas",
        ),
    ),
    (
        "partner_search",
        L(
            "Help in finding partners across the border",
            "Segítség határon túli partnerek kereséséhez",
            "Pomoć u pronalaženju partnera preko granice",
            "Aiuto nella ricerca di partner oltre confine",
            "Pomoc w znalezieniu partnerów za granicą",
            "Ayuda para encontrar socios al otro lado de la frontera",
            "Pagalba ieškant partnerių už sienos",
        ),
    ),
    (
        "fairs",
        L(
            "Trade fairs and business missions",
            "Vásárok és üzleti delegációk",
            "Sajmovi i poslovne misije",
            "Fiere e missioni commerciali",
            "Targi i misje gospodarcze",
            "Ferias y misiones comerciales",
            "Mugės ir verslo misijos",
        ),
    ),
    (
        "training",
        L(
            "Training on internationalisation",
            "Nemzetköziesedési képzés",
            "Obuka o internacionalizaciji",
            "Formazione sull'internazionalizzazione",
            "Szkolenia z umiędzynarodowienia",
            "Formación en internacionalización",
            "Mokymai apie tarptautiškumą",
        ),
    ),
    (
        "application_help",
        L(
            "Help with grant applications",
            "Segítség a pályázatírásban",
            "Pomoć pri prijavama za potpore",
            "Aiuto nella preparazione delle domande di contributo",
            "Pomoc przy wnioskach o dotacje",
            "Ayuda con las solicitudes de subvención",
            "Pagalba rengiant paraiškas",
        ),
    ),
    (
        "prefinancing_help",
        L(
            "Bridging finance for pre-financing",
            "Áthidaló finanszírozás az előfinanszírozáshoz",
            "Premošćujuće financiranje za predfinanciranje",
            "Finanziamento ponte per il prefinanziamento",
            "Finansowanie pomostowe prefinansowania",
            "Financiación puente para la prefinanciación",
            "Tarpinis finansavimas išankstiniam finansavimui",
        ),
    ),
    (
        "networking",
        L(
            "Networking and clusters",
            "Kapcsolatépítés és klaszterek",
            "Umrežavanje i klasteri",
            "Networking e cluster",
            "Sieciowanie i klastry",
            "Redes de contactos y clústeres",
            "Tinklaveika ir klasteriai",
        ),
    ),
    (
        "certification",
        L(
            "Certification of products and services",
            "Termékek és szolgáltatások tanúsítása",
            "Certifikacija proizvoda i usluga",
            "Certificazione di prodotti e servizi",
            "Certyfikacja produktów i usług",
            "Certificación de productos y servicios",
            "Produktų ir paslaugų sertifikavimas",
        ),
    ),
]


def _nace_choices() -> list[Choice]:
    with (DATA / "nace_sections.csv").open(encoding="utf-8") as f:
        return [
            Choice(r["section"], {lang: f"{r['section']} – {r['title_' + lang]}" for lang in LANGS})
            for r in csv.DictReader(f)
        ]


def _choices(pairs: list[tuple[str, dict[str, str]]]) -> tuple[Choice, ...]:
    return tuple(Choice(name, label) for name, label in pairs)


def _capacity_section(model: Any) -> tuple[list[Question], dict[str, tuple[Choice, ...]]]:
    """One group per capacity dimension, one select_one per item; identical option scales share a list."""
    questions: list[Question] = []
    lists: dict[str, tuple[Choice, ...]] = {}
    seen: dict[tuple[Any, ...], str] = {}
    dont_know = dict(getattr(model, "dont_know_label", {}) or {})
    for dim in model.dimensions:
        items = [i for i in model.items if i.dimension == dim.id]
        if not items:
            continue
        questions.append(Question(f"cap_{dim.id}", "begin_group", dict(dim.name)))
        for item in items:
            choices = [Choice(o.id, dict(o.label)) for o in item.options]
            if item.allow_dont_know:
                choices.append(
                    Choice(
                        "dont_know",
                        dont_know
                        or L(
                            "Don't know", "Nem tudom", "Ne znam", "Non so", "Nie wiem", "No lo sé", "Nežinau"
                        ),
                    )
                )
            key = tuple((c.name, tuple(sorted(c.label.items()))) for c in choices)
            list_name = seen.get(key)
            if list_name is None:
                list_name = f"scale_{len(seen) + 1}"
                seen[key] = list_name
                lists[list_name] = tuple(choices)
            questions.append(Question(f"cap_{item.id}", "select_one", dict(item.text), list_name=list_name))
        questions.append(Question(f"cap_{dim.id}", "end_group"))
    return questions, lists


def standard_form(model: Any | None = None, *, version: str = "1") -> Form:
    """The standard questionnaire; `model` is a capacity model (interventures.core.capacity)."""
    choices: dict[str, tuple[Choice, ...]] = {
        "yn": (Choice("yes", YES), Choice("no", NO)),
        "size": _choices(SIZE),
        "nace": tuple(_nace_choices()),
        "turnover": _choices(TURNOVER),
        "countries": _choices(COUNTRIES),
        "barriers": _choices(BARRIERS),
        "support": _choices(SUPPORT),
        "applied": _choices(APPLIED),
        "needs": _choices(NEEDS),
    }
    q = Question
    profile = [
        q(
            "profile",
            "begin_group",
            L(
                "Your company",
                "Az Ön vállalkozása",
                "Vaše poduzeće",
                "La sua impresa",
                "Państwa firma",
                "Su empresa",
                "Jūsų įmonė",
            ),
        ),
        q(
            "size_class",
            "select_one",
            L(
                "How many persons does your company employ?",
                "Hány főt foglalkoztat a vállalkozás?",
                "Koliko osoba zapošljava vaše poduzeće?",
                "Quante persone occupa la sua impresa?",
                "Ile osób pracuje w Państwa firmie?",
                "¿Cuántas personas ocupa su empresa?",
                "Kiek žmonių dirba jūsų įmonėje?",
            ),
            list_name="size",
            required=True,
        ),
        q(
            "nace_section",
            "select_one",
            L(
                "Main activity (NACE section)",
                "Fő tevékenység (NACE nemzetgazdasági ág)",
                "Glavna djelatnost (NACE područje)",
                "Attività principale (sezione NACE)",
                "Główna działalność (sekcja NACE)",
                "Actividad principal (sección NACE)",
                "Pagrindinė veikla (EVRK sekcija)",
            ),
            list_name="nace",
            required=True,
        ),
        q(
            "nuts3",
            "text",
            L(
                "NUTS 3 region of your seat",
                "A székhely NUTS 3 régiója",
                "NUTS 3 regija sjedišta",
                "Regione NUTS 3 della sede",
                "Region NUTS 3 siedziby",
                "Región NUTS 3 de la sede",
                "Buveinės NUTS 3 regionas",
            ),
            # NUTS 3 codes: the country's two letters and three letters or digits (HU231, HR025), as
            # files give them; the web form offers the campaign region's NUTS 3 regions as a list.
            constraint="regex(., '^[A-Z]{2}[0-9A-Z]{3}$')",
            constraint_message=L(
                "Enter a NUTS 3 code: two letters and three letters or digits, e.g. HU231.",
                "Adjon meg egy NUTS 3 kódot: két betű és három betű vagy számjegy, pl. HU231.",
                "Unesite NUTS 3 oznaku: dva slova i tri slova ili znamenke, npr. HR025.",
                "Inserisca un codice NUTS 3: due lettere e tre lettere o cifre, es. ITC4C.",
                "Proszę podać kod NUTS 3: dwie litery i trzy litery lub cyfry, np. PL823.",
                "Introduzca un código NUTS 3: dos letras y tres letras o cifras, p. ej. ES412.",
                "Įveskite NUTS 3 kodą: dvi raidės ir trys raidės arba skaitmenys, pvz., LT023.",
            ),
        ),
        q(
            "year_founded",
            "integer",
            L(
                "Year the company was founded",
                "A vállalkozás alapításának éve",
                "Godina osnivanja poduzeća",
                "Anno di fondazione dell'impresa",
                "Rok założenia firmy",
                "Año de fundación de la empresa",
                "Įmonės įsteigimo metai",
            ),
            constraint=". >= 1800 and . <= 2100",
            constraint_message=L(
                "Enter a year between 1800 and 2100.",
                "1800 és 2100 közötti évet adjon meg.",
                "Unesite godinu između 1800. i 2100.",
                "Inserisca un anno tra il 1800 e il 2100.",
                "Proszę podać rok między 1800 a 2100.",
                "Introduzca un año entre 1800 y 2100.",
                "Įveskite metus nuo 1800 iki 2100.",
            ),
        ),
        q(
            "turnover",
            "select_one",
            L(
                "Annual turnover",
                "Éves árbevétel",
                "Godišnji promet",
                "Fatturato annuo",
                "Roczny obrót",
                "Volumen de negocio anual",
                "Metinė apyvarta",
            ),
            list_name="turnover",
        ),
        q("profile", "end_group"),
    ]
    activity = [
        q(
            "activity",
            "begin_group",
            L(
                "International activity",
                "Nemzetközi tevékenység",
                "Međunarodna aktivnost",
                "Attività internazionale",
                "Działalność międzynarodowa",
                "Actividad internacional",
                "Tarptautinė veikla",
            ),
        ),
        q(
            "exports",
            "select_one",
            L(
                "Does your company export goods or services?",
                "Exportál-e a vállalkozás termékeket vagy szolgáltatásokat?",
                "Izvozi li vaše poduzeće robu ili usluge?",
                "La sua impresa esporta beni o servizi?",
                "Czy Państwa firma eksportuje towary lub usługi?",
                "¿Exporta su empresa bienes o servicios?",
                "Ar jūsų įmonė eksportuoja prekes ar paslaugas?",
            ),
            list_name="yn",
            required=True,
        ),
        q(
            "export_share",
            "integer",
            L(
                "Share of exports in turnover (%)",
                "Az export aránya az árbevételben (%)",
                "Udio izvoza u prometu (%)",
                "Quota dell'export sul fatturato (%)",
                "Udział eksportu w obrotach (%)",
                "Peso de las exportaciones en la facturación (%)",
                "Eksporto dalis apyvartoje (%)",
            ),
            relevant="${exports} = 'yes'",
            constraint=". >= 0 and . <= 100",
            constraint_message=L(
                "Enter a percentage from 0 to 100.",
                "0 és 100 közötti százalékot adjon meg.",
                "Unesite postotak od 0 do 100.",
                "Inserisca una percentuale da 0 a 100.",
                "Proszę podać odsetek od 0 do 100.",
                "Introduzca un porcentaje de 0 a 100.",
                "Įveskite procentą nuo 0 iki 100.",
            ),
        ),
        q(
            "imports",
            "select_one",
            L(
                "Does your company import goods or services?",
                "Importál-e a vállalkozás termékeket vagy szolgáltatásokat?",
                "Uvozi li vaše poduzeće robu ili usluge?",
                "La sua impresa importa beni o servizi?",
                "Czy Państwa firma importuje towary lub usługi?",
                "¿Importa su empresa bienes o servicios?",
                "Ar jūsų įmonė importuoja prekes ar paslaugas?",
            ),
            list_name="yn",
            required=True,
        ),
        q(
            "cross_border",
            "select_one",
            L(
                "Does your company cooperate with companies across the border (joint products, services or projects)?",
                "Együttműködik-e a vállalkozás határon túli cégekkel (közös termékek, szolgáltatások vagy projektek)?",
                "Surađuje li vaše poduzeće s poduzećima preko granice (zajednički proizvodi, usluge ili projekti)?",
                "La sua impresa collabora con imprese oltre confine (prodotti, servizi o progetti comuni)?",
                "Czy Państwa firma współpracuje z firmami zza granicy (wspólne produkty, usługi lub projekty)?",
                "¿Coopera su empresa con empresas del otro lado de la frontera (productos, servicios o proyectos conjuntos)?",
                "Ar jūsų įmonė bendradarbiauja su įmonėmis už sienos (bendri produktai, paslaugos ar projektai)?",
            ),
            list_name="yn",
            required=True,
        ),
        q(
            "countries",
            "select_multiple",
            L(
                "With which countries?",
                "Mely országokkal?",
                "S kojim zemljama?",
                "Con quali paesi?",
                "Z jakimi krajami?",
                "¿Con qué países?",
                "Su kuriomis šalimis?",
            ),
            list_name="countries",
            required=True,
            relevant="${exports} = 'yes' or ${imports} = 'yes' or ${cross_border} = 'yes'",
        ),
        q("activity", "end_group"),
    ]
    barriers = [
        q(
            "obstacles",
            "begin_group",
            L("Barriers", "Akadályok", "Prepreke", "Ostacoli", "Bariery", "Barreras", "Kliūtys"),
        ),
        q(
            "barriers",
            "select_multiple",
            L(
                "Which barriers hold back your international activity?",
                "Mely akadályok fékezik a nemzetközi tevékenységüket?",
                "Koje prepreke koče vašu međunarodnu aktivnost?",
                "Quali ostacoli frenano la sua attività internazionale?",
                "Jakie bariery hamują Państwa działalność międzynarodową?",
                "¿Qué barreras frenan su actividad internacional?",
                "Kokios kliūtys stabdo jūsų tarptautinę veiklą?",
            ),
            list_name="barriers",
            required=True,
            constraint="not(selected(., 'none')) or count-selected(.) = 1",
            constraint_message=L(
                "'No significant barriers' cannot be combined with a barrier.",
                "A „Nincsenek jelentős akadályok” nem választható más akadállyal együtt.",
                "„Nema značajnih prepreka” ne može se kombinirati s preprekom.",
                "'Nessun ostacolo rilevante' non può essere combinato con un ostacolo.",
                "„Brak istotnych barier” nie może być łączony z barierą.",
                "«Ninguna barrera importante» no puede combinarse con una barrera.",
                "„Reikšmingų kliūčių nėra“ negalima derinti su kliūtimi.",
            ),
        ),
        q("obstacles", "end_group"),
    ]
    support = [
        q(
            "support",
            "begin_group",
            L(
                "Support organisations and programmes",
                "Támogató szervezetek és programok",
                "Organizacije i programi potpore",
                "Organizzazioni e programmi di supporto",
                "Instytucje i programy wsparcia",
                "Organizaciones y programas de apoyo",
                "Paramos organizacijos ir programos",
            ),
        ),
        q(
            "aware_support",
            "select_multiple",
            L(
                "Which of these support organisations do you know?",
                "Ezek közül mely támogató szervezeteket ismeri?",
                "Koje od ovih organizacija potpore poznajete?",
                "Quali di queste organizzazioni di supporto conosce?",
                "Które z tych instytucji wsparcia Państwo znają?",
                "¿Cuáles de estas organizaciones de apoyo conoce?",
                "Kurias iš šių paramos organizacijų žinote?",
            ),
            list_name="support",
            required=True,
            constraint="not(selected(., 'none')) or count-selected(.) = 1",
            constraint_message=L(
                "'None of these' cannot be combined with an organisation.",
                "Az „Egyik sem” nem választható szervezettel együtt.",
                "„Ništa od navedenog” ne može se kombinirati s organizacijom.",
                "'Nessuno di questi' non può essere combinato con un'organizzazione.",
                "„Żadna z tych” nie może być łączona z instytucją.",
                "«Ninguna de estas» no puede combinarse con una organización.",
                "„Nė viena iš šių“ negalima derinti su organizacija.",
            ),
        ),
        q(
            "used_support",
            "select_multiple",
            L(
                "Which of them has your company used in the last three years?",
                "Ezek közül melyek szolgáltatásait vette igénybe az elmúlt három évben?",
                "Koje je od njih vaše poduzeće koristilo u posljednje tri godine?",
                "Di quali si è avvalsa la sua impresa negli ultimi tre anni?",
                "Z których Państwa firma korzystała w ostatnich trzech latach?",
                "¿Cuáles ha utilizado su empresa en los últimos tres años?",
                "Kuriomis iš jų jūsų įmonė naudojosi per pastaruosius trejus metus?",
            ),
            list_name="support",
            relevant="not(selected(${aware_support}, 'none'))",
            choice_filter="selected(${aware_support}, name)",
        ),
        q(
            "programme_aware",
            "select_one",
            L(
                "Do you know the calls of your regional programme for SME internationalisation?",
                "Ismeri-e a régió programjának a kkv-k nemzetköziesedését támogató pályázati felhívásait?",
                "Poznajete li pozive vašeg regionalnog programa za internacionalizaciju MSP-ova?",
                "Conosce i bandi del programma regionale per l'internazionalizzazione delle PMI?",
                "Czy znają Państwo nabory programu regionalnego na umiędzynarodowienie MŚP?",
                "¿Conoce las convocatorias de su programa regional para la internacionalización de las pymes?",
                "Ar žinote savo regiono programos kvietimus MVĮ tarptautiškumui skatinti?",
            ),
            list_name="yn",
            required=True,
        ),
        q(
            "programme_applied",
            "select_one",
            L(
                "Has your company applied to these calls?",
                "Pályázott-e a vállalkozás ezekre a felhívásokra?",
                "Je li se vaše poduzeće prijavilo na te pozive?",
                "La sua impresa ha partecipato a questi bandi?",
                "Czy Państwa firma składała wnioski w tych naborach?",
                "¿Ha presentado su empresa solicitudes a estas convocatorias?",
                "Ar jūsų įmonė teikė paraiškas šiems kvietimams?",
            ),
            list_name="applied",
            relevant="${programme_aware} = 'yes'",
        ),
        q("support", "end_group"),
    ]
    needs = [
        q(
            "needs_group",
            "begin_group",
            L(
                "Support needs",
                "Támogatási igények",
                "Potrebe za potporom",
                "Fabbisogni di supporto",
                "Potrzeby wsparcia",
                "Necesidades de apoyo",
                "Paramos poreikiai",
            ),
        ),
        q(
            "needs",
            "select_multiple",
            L(
                "Which support would help your company most? (up to three)",
                "Milyen támogatás segítené leginkább a vállalkozást? (legfeljebb három)",
                "Koja bi potpora najviše pomogla vašem poduzeću? (najviše tri)",
                "Quale supporto aiuterebbe di più la sua impresa? (fino a tre)",
                "Jakie wsparcie najbardziej pomogłoby Państwa firmie? (maksymalnie trzy)",
                "¿Qué apoyo ayudaría más a su empresa? (hasta tres)",
                "Kokia parama labiausiai padėtų jūsų įmonei? (ne daugiau kaip trys)",
            ),
            list_name="needs",
            constraint="count-selected(.) <= 3",
            constraint_message=L(
                "Choose at most three.",
                "Legfeljebb hármat válasszon.",
                "Odaberite najviše tri.",
                "Ne scelga al massimo tre.",
                "Proszę wybrać maksymalnie trzy.",
                "Elija como máximo tres.",
                "Pasirinkite ne daugiau kaip tris.",
            ),
        ),
        q("n_markets", "calculate", calculation="count-selected(${countries})"),
        q(
            "comments",
            "text",
            L(
                "Anything else you would like to tell us?",
                "Van még valami, amit el szeretne mondani?",
                "Želite li nam još nešto reći?",
                "C'è altro che desidera comunicarci?",
                "Czy chcą Państwo coś jeszcze przekazać?",
                "¿Desea añadir algo más?",
                "Ar norėtumėte dar ką nors pasakyti?",
            ),
        ),
        q(
            "thanks",
            "note",
            L(
                "Thank you for taking part.",
                "Köszönjük a részvételt.",
                "Hvala na sudjelovanju.",
                "Grazie per la partecipazione.",
                "Dziękujemy za udział.",
                "Gracias por participar.",
                "Dėkojame, kad dalyvavote.",
            ),
        ),
        q("needs_group", "end_group"),
    ]
    capacity: list[Question] = []
    if model is not None:
        capacity, scales = _capacity_section(model)
        choices.update(scales)
    questions = profile + activity + capacity + barriers + support + needs
    return Form(
        id=STANDARD_ID,
        version=version if model is None else f"{version}+capacity-{model.version}",
        title=L(
            "Inter Ventures survey of SMEs",
            "Inter Ventures kkv-felmérés",
            "Inter Ventures anketa MSP-ova",
            "Indagine Inter Ventures sulle PMI",
            "Badanie MŚP Inter Ventures",
            "Encuesta Inter Ventures a pymes",
            "Inter Ventures MVĮ apklausa",
        ),
        default_language="en",
        languages=LANGS,
        questions=with_group_paths(questions),
        choices=choices,
    )
