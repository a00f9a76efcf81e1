"""The conventions of Swedish minutes, one small fictitious text each, read by ``read_record``.

Golden records (tests/golden) pin whole documents; these pin one convention at a time, so a
change that breaks one says which.
"""

from __future__ import annotations

from loaders.entities import Context, find_mentions
from loaders.reading import read_record

MUNICIPAL = """\
                                                              SAMMANTRÄDESPROTOKOLL
KOMMUNSTYRELSEN                                               Sammanträdesdatum
                                                              2023-05-10
Plats och tid          Kommunhuset, sammanträdesrum Tallen, kl. 13.00–15.30

Beslutande             Anna Andersson (S), ordförande
                       Bo Berg (M), 1:e vice ordförande
                       Cecilia Dahl (C)

Övriga närvarande      Karin Lund, kommundirektör
                       Lars Mark, sekreterare

Utses att justera      Bo Berg
Justeringens           Kommunhuset 2023-05-15
plats och tid

§ 88                   Dnr KS 2023/98

Budget 2024 för kommunstyrelsen

Ärendebeskrivning
Ekonomiavdelningen har tagit fram ett förslag till budget. Kommunfullmäktige beslutade den 15 mars 2023 om ramar för budgeten.

Förslag till beslut
Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta
att anta budget 2024 för kommunstyrelsen,
att uppdra åt kommundirektören att återkomma med en investeringsplan.

Yrkanden
Anna Andersson (S) yrkar bifall till arbetsutskottets förslag.

Kommunstyrelsens beslut
Kommunstyrelsen beslutar enligt arbetsutskottets förslag.
"""


def _minutes(text: str):
    kind, record = read_record(text.splitlines())
    assert kind == "minutes"
    return record


def test_two_column_letterhead_names_the_body_not_the_field_label():
    record = _minutes(MUNICIPAL)
    assert (record.body.name, record.body.kind) == ("Kommunstyrelsen", "Council")
    assert record.date == "2023-05-10"


def test_an_ordinal_role_is_no_label_and_the_adjuster_field_ends_the_list():
    record = _minutes(MUNICIPAL)
    people = {a.name: a for a in record.attendees}
    assert people["Bo Berg"].role == "1:e vice ordförande" and people["Bo Berg"].party == "M"
    assert people["Bo Berg"].line == 7  # from the list, not from "Utses att justera"
    assert people["Karin Lund"].title == "kommundirektör"


def test_approval_takes_the_proposal_and_a_seconding_motion_is_no_decision():
    item = _minutes(MUNICIPAL).items[0]
    taken = [d.text for d in item.decisions if d.status == "taken"]
    assert taken == ["att anta budget 2024 för kommunstyrelsen",
                     "att uppdra åt kommundirektören att återkomma med en investeringsplan"]


def test_a_role_as_mandatee_is_the_attendee_holding_it():
    item = _minutes(MUNICIPAL).items[0]
    assert [[m.name for m in c.mandatees] for c in item.commissions] == [["Karin Lund"]]


def test_a_decision_reported_from_another_body_names_that_body():
    item = _minutes(MUNICIPAL).items[0]
    reported = [d for d in item.decisions if d.status == "reported"]
    assert [(d.body.name, d.date) for d in reported] == [("Kommunfullmäktige", "2023-03-15")]


def test_political_bodies_are_councils_and_national_agencies_organisations():
    def kinds(text):
        return [(m.name, m.kind) for m in find_mentions(text, 1, Context())]

    assert kinds("Ärendet har beretts av kommunstyrelsens arbetsutskott.") == [
        ("Kommunstyrelsens arbetsutskott", "Council")]
    assert kinds("Hälso- och sjukvårdsnämnden föreslår") == [("Hälso- och sjukvårdsnämnden", "Council")]
    assert kinds("Stockholms stad > Älvsjö stadsdelsnämnd > Sammanträde") == [("Älvsjö stadsdelsnämnd", "Council")]
    assert kinds("Socialstyrelsen har gett ut föreskrifter") == [("Socialstyrelsen", "Organisation")]
    assert kinds("Nämnden beslutar") == []


PRESENCE_COLUMN = """\
PROTOKOLL NR 3/25-26
SW-ORG 12/06/25 Möte med sektionens styrelse den 19-20 sept. 2025Ledamöter Närvarande

Tova Åberg X
Pelle Dunér § 44-58, 66-74
Rut Lindmark anmält förhinder

Suppleanter
Nisse Holt X

Övriga
Vera Stål sekreterare

§44 Val av justerare

Beslut att välja Nisse Holt till justerare av protokollet.
"""


def test_a_presence_column_at_the_end_of_a_row_and_a_header_glued_to_a_year():
    record = _minutes(PRESENCE_COLUMN)
    people = {a.name: (a.presence, a.role) for a in record.attendees}
    assert people == {"Tova Åberg": ("present", "ledamot"), "Pelle Dunér": ("present", "ledamot"),
                      "Rut Lindmark": ("absent", "ledamot"), "Nisse Holt": ("present", "suppleant"),
                      "Vera Stål": ("present", "sekreterare")}
    assert (record.body.name, record.date) == ("sektionens styrelse", "2025-09-19")


FLATTENED_NAMES = """\
1 Minnesanteckningar från styrgruppsmöte för det nationella landsbygdsnätverket, 23 januari 2025 Närvarande \
Pia Ek, ordförande Siv Berg (kom under punkt 7) Mona Dal Ulf Ren (avvek under punkt 8) Irene Sand \
Meddelat förhinder Hannah Nyström 1. Mötets öppnande Ordförande förklarade mötet öppnat. 2. Val av justerare \
Till justerare utsågs Mona Dal.
"""


def test_names_run_together_with_notes_in_brackets_and_a_page_number_before_the_title():
    record = _minutes(FLATTENED_NAMES)
    present = [(a.name, a.role) for a in record.attendees if a.presence == "present"]
    assert present == [("Pia Ek", "ordförande"), ("Siv Berg", None), ("Mona Dal", None), ("Ulf Ren", None),
                       ("Irene Sand", None)]
    assert [a.name for a in record.attendees if a.presence == "absent"] == ["Hannah Nyström"]
    assert (record.body.name, record.body.kind, record.body.parent) == (
        "Styrgruppen för Landsbygdsnätverket", "SteeringGroup", "Landsbygdsnätverket")


FLATTENED_PAGE = """\
Protokoll från sammanträde med styrgruppen för social omsorg Dag och tid: Torsdag den 2 november 2025 kl 11
Närvarande: Anna Wik (M), ordförande, Lerum Ingrid Sand (S), vice ordförande, Kungsbacka Bo Ek (L), Mölndal
1 Justerare Ingrid Sand utses att tillsammans med ordföranden justera protokollet. 2 Reflektion från mötet med \
socialcheferna Styrgruppen anser att mötet var bra. att anteckna informationen och dialogen. 3 Föregående \
protokoll Föregående mötes protokoll godkändes och lades till handlingarna.
"""


def test_a_flattened_page_is_cut_at_its_item_numbers_and_att_clauses_after_a_full_stop():
    record = _minutes(FLATTENED_PAGE)
    assert (record.body.name, record.body.kind) == ("styrgruppen för social omsorg", "SteeringGroup")
    taken = {(item.number, d.text) for item in record.items for d in item.decisions if d.status == "taken"}
    assert taken == {("1", "Ingrid Sand utses att tillsammans med ordföranden justera protokollet"),
                     ("2", "att anteckna informationen och dialogen"),
                     ("3", "Föregående mötes protokoll godkändes och lades till handlingarna")}


ALONE_NUMBER = """\
Minnesanteckningar Styrgruppen för Ängsnätverket 2025-03-08
Närvarande: Pia Ek, Bo Al, Siv Dal

1. Mötets öppnande
Ordförande öppnade mötet.
2.
Sekreterare Till sekreterare för mötet valdes Bo Al.
3. Justerare
Till att justera protokollet valdes Siv Dal.
"""


def test_a_number_alone_takes_its_title_from_the_line_below_and_a_role_phrase_may_open_a_passive_decision():
    record = _minutes(ALONE_NUMBER)
    assert [(i.number, i.title) for i in record.items] == [("1", "Mötets öppnande"), ("2", "Sekreterare"),
                                                            ("3", "Justerare")]
    assert [d.text for d in record.items[2].decisions] == ["Till att justera protokollet valdes Siv Dal"]


SIGNATURES_THEN_PAGES = """\
Arbetsutskottet 2025-11-14
Närvarande Ledamöter Hanna Berg (m), ordförande Lena Sundh (fp) Sven Lund (c) Anna Ström (s)
Övriga deltagare Rune Åker, sekreterare Ingegerd Falk Gunnel Lund, 108 Karin Sell, 108 Doris Nyby,
Underskrifter:
Sekreterare... Rune Åker
Ordförande... Hanna Berg

2 Arbetsutskottet (Dnr ) Plats för sammanträdet Arbetsutskottet beslutar att sammanträdet hålles på förbundskansliet i Lund.
"""


def test_pages_after_a_signature_block_are_read_and_a_party_list_starts_at_its_first_name():
    record = _minutes(SIGNATURES_THEN_PAGES)
    assert [a.name for a in record.attendees if a.presence == "present"][:8] == [
        "Hanna Berg", "Lena Sundh", "Sven Lund", "Anna Ström", "Rune Åker", "Ingegerd Falk", "Gunnel Lund",
        "Karin Sell"]
    assert "Doris Nyby" in {a.name for a in record.attendees}
    assert [d.text for i in record.items for d in i.decisions] == ["sammanträdet hålles på förbundskansliet i Lund"]


def test_a_page_number_before_the_title_and_a_file_reference_after_the_body():
    record = _minutes("Transkript\n1 Protokoll 1 (6)\nTeknikutskottet LK/\nPlats Kommunhuset\n"
                      "Beslutande Anna Berg (S) Bo Ek (M) Cilla Dahl (C)\n\n§ 1 Val av justerare\nBo Ek utses att justera.\n")
    assert (record.body.name, record.body.kind) == ("Teknikutskottet", "Council")
    assert [a.name for a in record.attendees] == ["Anna Berg", "Bo Ek", "Cilla Dahl"]


WEB_SUMMARY = """\
Till innehåll

Snabbreferat från folkhälsorådets sammanträde 2025-01-30

Folkhälsorådet är kommunstyrelsens beredande organ för frågor om trygg och säker kommun. Rådet höll sitt första sammanträde för året i kommunhuset den 30 januari.

 • Måldialog - Här beslutade rådet att varje verksamhet ska ta fram aktiviteter utifrån målen.
 • Kommunstyrelsen har beslutat att nämnderna ska redovisa personalkostnaderna månadsvis.
"""


def test_a_web_summary_titled_after_a_skip_link_and_decisions_that_oblige_others():
    record = _minutes(WEB_SUMMARY)
    assert (record.body.name, record.date, record.body.aliases) == ("Folkhälsorådet", "2025-01-30", [])
    commissions = [(c.mandator.name, [m.name for m in c.mandatees], c.date) for i in record.items for c in i.commissions]
    assert commissions == [("Folkhälsorådet", ["Verksamheterna"], "2025-01-30"),
                           ("Kommunstyrelsen", ["Nämnderna"], None)]
    relations = [(r.type, r.source.name, r.target.name) for i in record.items for r in i.relations]
    assert ("REPORTS_TO", "Folkhälsorådet", "Kommunstyrelsen") in relations


def test_companies_their_owners_and_a_board_of_an_organisation():
    from loaders.records import Mention
    from loaders.relations import board_of, sentence_relations

    text = ("Förvärv av fastigheter till BK Väst AB, BK Syd AB samt BK Nord AB, helägda dotterbolag till "
            "Ekestads Stadshus AB, samt försäljning av aktierna i AB Studentgården, helägt dotterbolag till Ekestadshem AB")
    assert sorted((r.source.name, r.target.name) for r in sentence_relations(text, 1, Context())) == [
        ("AB Studentgården", "Ekestadshem AB"), ("BK Nord AB", "Ekestads Stadshus AB"),
        ("BK Syd AB", "Ekestads Stadshus AB"), ("BK Väst AB", "Ekestads Stadshus AB")]
    board = Mention(name="Direktionen för Ängsåns Miljöförbund", kind="Council", line=1, quote="Organ: …")
    assert (board_of(board).type, board_of(board).target.name) == ("PART_OF", "Ängsåns Miljöförbund")


PENSIONERS = """\
1 1 (8) Protokoll Protokoll från samråd för pensionärsorganisationer för norra omsorgsnämnden den 19 september 2025 \
Plats: Aulan Närvarande Ledamöter Stefan Malm (L), norra omsorgsnämnden Från pensionärsorganisationerna Ledamöter: \
Bosse Hamm PRO Rosmari Lind PRO Greta Sund PRO ersätter Kalle Eng Nils-Åke Holm RPG Birgitta Lönn RPG ersätter \
Ingrid Falk FAS Ester Lind SPF
2 2 (8) Underskrifter Sekreterare: Ivo Gran Ordförande: Stefan Malm (L) Justerare: Rosmarie Lind (PRO) Ester Lind (SPF)
3 3 (8) 1 Val av justerare Beslut 1. Rosmarie Lind (PRO) utses att justera protokollet. 2. Ester Lind (SPF) utses \
att justera protokollet. 2 Den nationella folkhälsopolitiken Kristin informerar.
"""


def test_names_with_acronyms_the_replaced_members_and_numbered_clauses_of_one_decision():
    record = _minutes(PENSIONERS)
    assert record.body.name == "samråd för pensionärsorganisationer för norra omsorgsnämnden"
    assert record.body.aliases == []
    people = {a.name: (a.presence, a.organisation) for a in record.attendees}
    assert people["Rosmari Lind"] == ("present", "PRO") and people["Ester Lind"] == ("present", "SPF")
    assert people["Kalle Eng"][0] == people["Ingrid Falk"][0] == "absent"
    assert "Rosmarie Lind" not in people and ["Rosmari Lind", "Rosmarie Lind"] in record.aliases
    assert [(i.number, [d.text for d in i.decisions]) for i in record.items if i.number] == [
        ("1", ["Rosmarie Lind (PRO) utses att justera protokollet", "Ester Lind (SPF) utses att justera protokollet"]),
        ("2", [])]


def test_a_replaced_member_in_a_municipal_list_is_absent():
    record = _minutes(MUNICIPAL.replace("Cecilia Dahl (C)", "Cecilia Dahl (C) tjänstgörande ersättare för Ivar Ek (SD)"))
    people = {a.name: a.presence for a in record.attendees}
    assert people["Cecilia Dahl"] == "present" and people["Ivar Ek"] == "absent"


REPORTED = """\
Minnesanteckningar Socialchefsnätverket i Ängslunds län 2026-01-23

1. Reviderad rutin
Nätverket gav den 3 oktober 2025 Processgrupp barn och unga i uppdrag att ta fram ett förslag. Förslaget har \
utarbetats av en arbetsgrupp och godkändes av processgruppen den 2 december. Nätverkets styrgrupp beslutade den \
9 januari 2026 att rekommendera nätverket att anta rutinen. Förbundsstyrelsen tar beslut den 8 december.
att anta den reviderade rutinen.

2. Mötets avslutande
"""


def test_reported_decisions_by_subject_by_agent_and_a_december_date_in_january_minutes():
    item = _minutes(REPORTED).items[0]
    reported = [(d.body.name, d.date) for d in item.decisions if d.status == "reported"]
    assert reported == [("Socialchefsnätverket", "2025-10-03"), ("Processgrupp barn och unga", "2025-12-02"),
                        ("Styrgruppen för Socialchefsnätverket", "2026-01-09")]
    assert [d.text for d in item.decisions if d.status == "taken"] == ["att anta den reviderade rutinen"]


PAGE_PER_PARAGRAPH = """\
1 ÄNGSÅS KOMMUN SAMMANTRÄDESPROTOKOLL Folkhälsorådet Plats och tid Allégården kl Beslutande För Kommunstyrelsen \
Hanna Ek (KD) Jon Bris (C) För Socialnämnden Maria Lind (M) För kultur och fritidsnämnden Sture Blom (S) Övriga \
deltagande Gudmund Tall Folkhälsosamordnare Förskollärare Danuta Ekström Familjebehandlare Emma Lund Paragraf \
Hanna Ek, Ordförande

2 17 UPPROP Ordförande öppnar mötet och genomför upprop.

3 18 FÖREGÅENDE MÖTESPROTOKOLL Inga synpunkter på föregående mötesprotokoll. Att lägga föregående protokoll till handlingarna.

4 19 BESÖK PÅ FAMILJECENTRAL Rådet besökte familjecentralen. Förskollärare Danuta Ekström och familjebehandlare \
Emma Lund berättar om verksamheten. Beslutas att tacka för besöket.
"""


def test_members_grouped_by_the_body_they_sit_for_and_a_page_per_paragraph():
    record = _minutes(PAGE_PER_PARAGRAPH)
    assert (record.body.name, record.body.aliases) == ("Folkhälsorådet", [])
    people = {a.name: a.organisation for a in record.attendees}
    assert people == {"Hanna Ek": "Kommunstyrelsen", "Jon Bris": "Kommunstyrelsen", "Maria Lind": "Socialnämnden",
                      "Sture Blom": "kultur och fritidsnämnden", "Gudmund Tall": None, "Danuta Ekström": None,
                      "Emma Lund": None}
    items = {i.number: (i.title, [d.text for d in i.decisions], [p.name for p in i.presenters]) for i in record.items
             if i.number}
    assert items == {"17": ("UPPROP", [], []),
                     "18": ("FÖREGÅENDE MÖTESPROTOKOLL", ["Att lägga föregående protokoll till handlingarna"], []),
                     "19": ("BESÖK PÅ FAMILJECENTRAL", ["tacka för besöket"], ["Danuta Ekström", "Emma Lund"])}


def test_a_lower_case_body_beside_a_name_is_its_organisation_and_page_words_are_nobody():
    record = _minutes("NORDMALA KOMMUN\nFOLKHÄLSORÅD\nMINNESANTECKNINGAR\nSammanträdesdatum\n2025-01-14\n"
                      "Ordinarie ledamöter\nGunvor Lid, (m), ordförande\nSida\n1 (3)\nÖvriga deltagare\n"
                      "Solveig Åker,(s), nämnden för folkhälsa och primärvård\nMinnesanteckningar\n1. Mötets öppnande\n"
                      "Ordförande hälsar välkommen.\n2. Tider\nBeslutas att godkänna de nya tiderna.\n")
    assert [(a.name, a.organisation) for a in record.attendees] == [
        ("Gunvor Lid", None), ("Solveig Åker", "nämnden för folkhälsa och primärvård")]
    assert [d.text for i in record.items for d in i.decisions] == ["Beslutas att godkänna de nya tiderna"]


RUNNING_HEADS = """\
1 Kommunala pensionärsrådet 10 april (10) Plats och tid Sammanträdesrum Hamnen, kl 13:00-16:00. Beslutande \
Erling Back PRO, Ordförande Åke Rönn Omsorgsnämnden Lena Sjö Humanistiska nämnden Rune Edl Kultur- och \
fritidsnämnden Gun-Britt Sand, ers PRO för Margareta Lönn Majvor Ek RPG Justerare Plats och tid Sekreterare

2 Kommunala pensionärsrådet 10 april (10) Ej tjänstgörande Märta Lind Omsorgsnämnden Rolf Wik PRO Berta Ols PRO \
Övriga deltagare Susanna Falk Lars Sjö

3 Kommunala pensionärsrådet 10 april (10) 18 Öppnande, dagordning, justering Sammanträdet öppnas av ordföranden. \
Förslag till dagordning godkänns. 19 Vårdhundar inom omsorgen Sjuksköterskan Susanna Falk informerar om hundteamet. 20 Mötets avslutande Ordföranden avslutar mötet.
"""


def test_running_heads_name_the_body_and_names_are_followed_by_their_organisations():
    record = _minutes(RUNNING_HEADS)
    assert (record.body.name, record.body.kind, record.body.aliases) == ("Kommunala pensionärsrådet", "Council", [])
    people = {a.name: (a.presence, a.organisation, a.role) for a in record.attendees}
    assert people["Erling Back"] == ("present", "PRO", "ordförande")
    assert people["Åke Rönn"][1] == "Omsorgsnämnden" and people["Lena Sjö"][1] == "Humanistiska nämnden"
    assert people["Rune Edl"][1] == "Kultur- och fritidsnämnden" and people["Majvor Ek"][1] == "RPG"
    assert people["Margareta Lönn"][0] == "absent" and people["Märta Lind"][:2] == ("present", "Omsorgsnämnden")
    assert {"Susanna Falk", "Lars Sjö", "Rolf Wik", "Berta Ols", "Gun-Britt Sand"} <= set(people)
    assert "Justerare" not in people
    assert [i.number for i in record.items if i.number] == ["18", "19", "20"]


def test_single_digit_paragraphs_after_running_heads_and_an_approved_proposal():
    text = RUNNING_HEADS.replace("(10) 18 Öppnande", "(10) 8 Öppnande").replace("godkänns. 19 Vårdhundar",
                                                                               "godkänns. 9 Vårdhundar")
    text = text.replace(" 20 Mötets avslutande Ordföranden avslutar mötet.", "")
    record = _minutes(text)
    items = {i.number: ([d.text for d in i.decisions], [p.name for p in i.presenters]) for i in record.items
             if i.number}
    assert items == {"8": (["Förslag till dagordning godkänns"], []), "9": ([], ["Susanna Falk"])}


DIRECTORATE = """\
Direktionsprotokoll 2013-09-20
Närvarande ledamöter: Anna Berg, Bo Ström, Carl Ek
§ 43 Val av justerare Anna Berg utses att justera protokollet. 44 Fastställande av dagordning att fastställa \
dagordningen 45 Budget 2014 att anta budgeten för 2014. 46 Övriga frågor Inga övriga frågor. 47 Mötets \
avslutande Ordföranden avslutar mötet.
"""


def test_a_protocol_noun_names_the_body_and_bare_numbers_continue_a_confirmed_numbering():
    record = _minutes(DIRECTORATE)
    assert (record.body.name, record.body.kind) == ("Direktionen", "Council")
    items = {i.number: (i.title, [d.text for d in i.decisions]) for i in record.items if i.number}
    assert list(items) == ["43", "44", "45", "46", "47"]
    assert items["44"][0] == "Fastställande av dagordning"
    assert items["45"][0] == "Budget 2014" and items["45"][1][0].startswith("att anta budgeten för 2014")


LETTERHEAD = """\
SOLBACKA KOMMUN
FOLKHÄLSORÅD
MINNESANTECKNINGAR
Sammanträdesdatum
2015-01-14
Närvarande
Gun Lind, (m), ordförande
Tor Ek, Omsorgsnämnden
Eva Berg, Medarbetarcentrum Per Holm
Ulf Sand, Ekonom Stina Ny
§ 1 Mötets öppnande
Ordföranden öppnar mötet.
"""


def test_a_letterhead_municipality_owns_the_body_and_an_attendance_column_holds_no_person_or_title():
    from loaders.pipeline import parse_document

    record = _minutes(LETTERHEAD)
    assert (record.owner.name, record.owner.kind) == ("Solbacka kommun", "Organisation")
    fragment = parse_document("solbacka.txt", LETTERHEAD.splitlines())
    names = {n.id: (n.kind, n.name) for n in fragment.nodes}
    part_of = {(names[e.source][1], names[e.target]) for e in fragment.edges if e.type == "PART_OF"}
    assert ("Folkhälsoråd", ("Organisation", "Solbacka kommun")) in part_of
    kinds = {name: kind for kind, name in names.values()}
    assert kinds.get("Omsorgsnämnden") == "Council"  # the political body a member sits for, not an organisation
    assert kinds.get("Medarbetarcentrum") == "Organisation"
    assert not any(n.startswith(("Medarbetarcentrum ", "Ekonom")) for n in kinds)


def test_a_referral_commissions_the_receiving_body():
    record = _minutes("Protokoll Kommunfullmäktige 2011-03-01\n§ 15 Motioner\n"
                      "Motionerna överlämnas till kommunstyrelsen för beredning.\n")
    (c,) = record.items[0].commissions
    assert (c.mandator.name, [m.name for m in c.mandatees], c.task, c.date) == (
        "Kommunfullmäktige", ["Kommunstyrelsen"], "bereda motionerna", "2011-03-01")


REPORTED_ELSEWHERE = """\
PROTOKOLL Brottsförebyggande rådet (BRÅ) Sammanträdesdag 2015-02-17
1. Föregående mötes protokoll
Gällande mötesplatsen så har Stadsdelsnämnden Öster fattat beslut om att gå vidare med ärendet på nämndmötet den \
15 december 2014, ärendet ligger nu hos lokalförsörjningsnämnden.
2. Övrigt
Inget.
"""


def test_a_council_that_meets_a_decision_taken_as_fattat_beslut_and_a_district_nämnd():
    record = _minutes(REPORTED_ELSEWHERE)
    assert (record.body.name, record.body.kind) == ("Brottsförebyggande rådet", "Council")
    (d,) = record.items[0].decisions
    assert (d.status, d.body.name, d.date) == ("reported", "Stadsdelsnämnden Öster", "2014-12-15")
    assert "gå vidare med ärendet" in d.text


SURNAME_FIRST = """\
Barn- och skolnämnd Lund Öster Sammanträdesprotokoll
Plats och tid: Byskolan kl 18:30 Ordförande: Lindkvist Cecilia (FP) 2:e vice ordförande: Malmgren Tore (S) \
Ledamöter: Hagberg Astrid (M) Wilhelmsson Per (M) Ringvall Charlotte (M) Castillo Yolanda (MP)
1 Val av justerare
Till att justera dagens protokoll utses Tore Malmgren (S).
"""


def test_a_list_written_surname_first_and_a_role_label_inside_the_chair_field():
    record = _minutes(SURNAME_FIRST)
    assert (record.body.name, record.body.kind) == ("Barn- och skolnämnd Lund Öster", "Council")
    people = {a.name: a.role for a in record.attendees}
    assert people["Cecilia Lindkvist"] == "ordförande" and people["Tore Malmgren"] == "2:e vice ordförande"
    assert {"Astrid Hagberg", "Per Wilhelmsson", "Charlotte Ringvall", "Yolanda Castillo"} <= set(people)
    assert ["Tore Malmgren", "Malmgren Tore"] in record.aliases
