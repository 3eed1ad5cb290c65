"""Plans and spreadsheet files for the import and export tests."""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook

from actions.models import BRAG, Membership, Plan
from spreadsheets.cells import COLUMNS
from spreadsheets.importer import ImportResult, plan_import
from spreadsheets.reader import Sheet, read_spreadsheet
from tests.factories import (
    ActionFactory,
    AreaOfWeaknessFactory,
    CommitmentFactory,
    InspectionFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)

WEAKNESSES = {
    1: (
        "Joint working",
        "A lack of coherence and joint working between local area leaders, agencies and "
        "schools, which is resulting in poor communication, inconsistent opportunities for "
        "social inclusion and a high number of exclusions, especially at primary school level",
    ),
    2: (
        "EHC plans",
        "Poor oversight of quality and impact of Education Health and Care (EHC) Plans in "
        "meeting the needs of children and young people",
    ),
    3: (
        "",  # no short title: the export names it by the start of the finding
        "Inequality of opportunity for families, which has arisen from a serious decline in "
        "the availability of an effective independent advice service in Sutton.",
    ),
}
COMMITMENTS = {
    (1, 1): "We will clarify roles, responsibilities and communication processes to provide a "
    "joined-up and collaborative approach for children and young people with SEND and their "
    "families",
    (1, 2): "We will improve the consistency of opportunities for social inclusion and reduce "
    "the number of exclusions, particularly in the primary sector",
    (2, 1): "We will improve the efficiency of the EHC Needs Assessment process and the "
    "effectiveness of the Annual Review process",
    (2, 2): "We will improve the quality of outcomes in our EHC Plans through an overall "
    "Quality Assurance Framework of SEND processes",
    (3, 1): "We will improve our Sutton Information Advice Service.",
    (3, 2): "We will improve our Local Offer and redesign our Local Offer website.",
}
WORKSTREAMS = {
    1: "Communication and Joint Working practices",
    2: "EHC Planning",
    3: "Local Offer and Independent Advice",
    4: "Quality Assurance",
}


def sutton_like_plan() -> Plan:
    """A plan shaped like Sutton's 2018 WSoA, with text that tests the file formats hard."""
    area = LocalAreaFactory(
        name="London Borough of Sutton",
        slug="sutton",
        council_name="London Borough of Sutton",
        health_partner_name="Sutton CCG",
    )
    inspection = InspectionFactory(
        local_area=area,
        start_date=dt.date(2018, 1, 22),
        end_date=dt.date(2018, 1, 26),
        letter_published_date=dt.date(2018, 3, 23),
    )
    plan = PlanFactory(
        local_area=area, inspection=inspection, title="Sutton Written Statement of Action"
    )
    manager = UserFactory(username="manager", email="send.programme@sutton.gov.uk")
    officer = UserFactory(username="officer", email="Siass.Lead@Sutton.gov.uk")
    MembershipFactory(user=manager, local_area=area, role=Membership.Role.PROGRAMME_MANAGER)
    MembershipFactory(user=officer, local_area=area, role=Membership.Role.OFFICER)
    weaknesses = {
        number: AreaOfWeaknessFactory(
            inspection=inspection, number=number, short_title=short, finding=finding
        )
        for number, (short, finding) in WEAKNESSES.items()
    }
    commitments = {
        key: CommitmentFactory(weakness=weaknesses[key[0]], number=key[1], text=words)
        for key, words in COMMITMENTS.items()
    }
    workstreams = {
        number: WorkstreamFactory(plan=plan, number=number, name=name)
        for number, name in WORKSTREAMS.items()
    }

    def add(reference, weakness, commitment, workstream, **fields):
        return ActionFactory(
            plan=plan,
            reference=reference,
            weakness=weaknesses[weakness],
            commitment=commitments[(weakness, commitment)] if commitment else None,
            workstream=workstreams[workstream] if workstream else None,
            **fields,
        )

    add(
        "1.1.1",
        1,
        1,
        1,
        title="Appoint a permanent Assistant Director for Education and SEND",
        description="A single strategic lead within the Local Authority, to drive the SEND "
        "Change Programme.",
        lead_role="Chief Executive",
        lead_organisation="London Borough of Sutton",
        status=BRAG.BLUE,
        completed_date=dt.date(2018, 4, 30),
        evidence="Appointment confirmed; post holder started 30 April 2018.",
        published=True,
        public_summary="We appointed a permanent Assistant Director for Education and SEND.",
    )
    add(
        "1.1.2",
        1,
        1,
        1,
        title="Set up the SEND Implementation Group with four workstreams",
        description="- Chair: LBS Assistant Director Education and SEND\n"
        "- Members: CCG, schools, Cognus, Sutton Parent/Carer Forum",
        status=BRAG.GREEN,
        lead=None,
        start_date=dt.date(2018, 4, 1),
        due_date=dt.date(2018, 9, 30),
        success_measure='"Joined-up" decisions: minutes show every partner attends.',
        published=True,
        public_summary="Leaders, health services, schools and parents now meet as one group.",
    )
    add(
        "1.2.1",
        1,
        2,
        1,
        title="Reduce exclusions of primary pupils with EHC plans",
        description='=HYPERLINK("http://example.com","Click") — pasted from an e-mail',
        status=BRAG.AMBER,
        remedial_action="+ Headteachers' forum to agree a protocol; data lag of one term.",
        success_measure="@Schools: fewer fixed-term exclusions by July 2019",
        start_date=dt.date(2018, 9, 1),
        due_date=dt.date(2019, 7, 31),
    )
    add(
        "2.1.1",
        2,
        1,
        2,
        title="Complete the conversions of all statements to EHC Plans within timescale",
        status=BRAG.BLUE,
        completed_date=dt.date(2018, 3, 31),
        evidence="All 1,204 statements converted by 31 March 2018.",
        lead_organisation="Cognus Ltd",
        published=True,
        public_summary="Every statement has been changed to an EHC plan.",
    )
    add(
        "2.1.2",
        2,
        1,
        2,
        title="Invest c£500k in the community paediatric service",
        description="Capacity for clinical scrutiny of EHC needs assessments, “statutorily "
        "compliant”.",
        status=BRAG.RED,
        remedial_action="Recruitment of two paediatricians failed; locum cover agreed by the "
        "Board.",
        lead_organisation="Sutton CCG",
        due_date=dt.date(2019, 3, 31),
    )
    add(
        "2.2.1",
        2,
        2,
        4,
        title="Introduce the EHC Plan Quality Assurance template",
        status=BRAG.WHITE,
        start_date=dt.date(2018, 9, 1),
        due_date=dt.date(2018, 12, 31),
    )
    add(
        "3.1.1",
        3,
        1,
        3,
        title="Increase the SIASS staffing to 1.4 fte",
        description="With the Parent Carer Forum we have already appointed 0.6 FTE.",
        lead=officer,
        lead_role="Advice and Support Lead",
        lead_organisation="Cognus",
        status=BRAG.BLUE,
        completed_date=dt.date(2018, 6, 29),
        evidence="-0.6 FTE appointed in June; 1.4 fte in post",
        published=True,
        public_summary="- The advice service for parents has 1.4 full time posts.",
    )
    add(
        "3.2.10",
        3,
        2,
        3,
        title="Redesign the Local Offer website",
        status=BRAG.GREEN,
        lead=officer,
        due_date=dt.date(2019, 1, 31),
    )
    add(
        "3.2.9",
        3,
        None,
        None,
        title="Publish the Local Offer annual report",
        status=BRAG.WHITE,
    )
    return plan


def new_row(reference: str = "1.1.1", **values: Any) -> dict[str, Any]:
    """A valid row for a new action in area of weakness 1 (which the plan must have)."""
    row = {column: "" for column in COLUMNS}
    row.update(
        reference=reference,
        area_of_weakness="1",
        title=f"Action {reference}",
        status="White",
        published="no",
    )
    row.update(values)
    return row


def csv_bytes(rows: Iterable[Mapping[str, Any]], header: Iterable[str] = COLUMNS) -> bytes:
    header = list(header)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: Iterable[Mapping[str, Any]], header: Iterable[str] = COLUMNS) -> bytes:
    header = list(header)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c) for c in header])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read(content: bytes, name: str = "plan.csv") -> Sheet:
    return read_spreadsheet(io.BytesIO(content), file_name=name, size=len(content))


def import_rows(
    plan: Plan,
    rows: Iterable[Mapping[str, Any]],
    *,
    actor=None,
    dry_run: bool = False,
    file_name: str = "plan.csv",
) -> ImportResult:
    sheet = read(csv_bytes(rows), file_name)
    return plan_import(
        plan=plan, rows=sheet.rows, actor=actor, file_name=file_name, dry_run=dry_run
    )


def import_file(
    plan: Plan, content: bytes, *, name: str, actor=None, dry_run: bool = False
) -> ImportResult:
    sheet = read(content, name)
    return plan_import(plan=plan, rows=sheet.rows, actor=actor, file_name=name, dry_run=dry_run)


def messages(result: ImportResult) -> list[str]:
    return [str(problem) for problem in result.errors]


def with_cached_values(content: bytes, values: Mapping[str, str]) -> bytes:
    """The workbook as Excel saves it: each formula cell also holds its calculated value.

    openpyxl writes formulas without results; Excel stores both. `values` maps a cell
    reference of the first sheet (e.g. "E2") to the text Excel calculated for it.
    """
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                for ref, value in values.items():
                    xml = re.sub(
                        rf'<c r="{ref}"><f>(.*?)</f><v\s*/>',
                        lambda m, v=value, r=ref: (
                            f'<c r="{r}" t="str"><f>{m.group(1)}</f><v>{v}</v>'
                        ),
                        xml,
                    )
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()
