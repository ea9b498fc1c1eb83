"""The admin answers for every model, and offers no change to an issued version."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse

from consultations.models import (
    BureauNomination,
    BureauSeats,
    CompilationPublication,
    Consultation,
    Proposal,
    WorkingPaper,
)
from drafting.models import Publication, Version
from letters.models import Annex, Letter, Letterhead, StoredPdf
from meetings.models import Membership, RegionalGroup


@pytest.fixture
def objects(factory):
    """One saved object of every model the admin shows."""
    group = RegionalGroup.objects.create(
        name="Western European and Others Group", short_name="WEOG"
    )
    meeting = factory.make_meeting("BMS7", chair_state=factory.make_state(regional_group=group))
    factory.make_member(meeting, Membership.Role.DELEGATION)
    issued = factory.make_version(
        factory.make_document(meeting), tree=factory.make_tree(footnotes=1)
    )
    publication = Publication.objects.create(version=issued)
    letterhead = Letterhead.objects.create(meeting=meeting, mission="PERMANENT MISSION OF KENYA")
    letter = Letter.objects.create(
        meeting=meeting,
        letterhead=letterhead,
        date=datetime.date(2021, 6, 10),
        body="I attach Draft 1.",
        signatory_name="Martin Kimani",
        signatory_title="Ambassador",
    )
    annex = Annex.objects.create(
        letter=letter, kind=Annex.Kind.VERSION, version=issued, title="Annex 3"
    )
    pdf = StoredPdf(version=issued, status=StoredPdf.Status.STORED)
    pdf.file.save("draft-1.pdf", ContentFile(b"%PDF-1.7"), save=True)
    letter.mark_sent(None)
    delegation = Membership.objects.get(meeting=meeting)
    consultation = Consultation.objects.create(
        meeting=meeting,
        date=datetime.date(2021, 6, 17),
        start_time=datetime.time(8, 45),
        end_time=datetime.time(10, 45),
        topic="Informal consultations on Draft 1",
        version=issued,
    )
    seats = BureauSeats.objects.create(meeting=meeting, regional_group=group, seats=2)
    nomination = BureauNomination.objects.create(
        meeting=meeting,
        state=meeting.chair_state,
        regional_group=group,
        nominated_on=datetime.date(2021, 6, 10),
    )
    proposal = Proposal.objects.create(
        meeting=meeting,
        version=issued,
        element=issued.elements.first(),
        state=delegation.state,
        author=delegation.user,
        text="New words",
    )
    compilation = CompilationPublication.objects.create(meeting=meeting)
    paper = WorkingPaper(meeting=meeting, state=delegation.state, title="Working paper")
    paper.file.save("paper.pdf", ContentFile(b"%PDF-1.7"), save=True)
    return {
        "regionalgroup": group,
        "state": meeting.chair_state,
        "meeting": meeting,
        "membership": Membership.objects.get(meeting=meeting),
        "outcomedocument": issued.document,
        "version": issued,
        "element": issued.elements.first(),
        "footnote": issued.footnotes.get(),
        "publication": publication,
        "letterhead": letterhead,
        "letter": letter,
        "annex": annex,
        "storedpdf": pdf,
        "consultation": consultation,
        "bureauseats": seats,
        "bureaunomination": nomination,
        "proposal": proposal,
        "compilationpublication": compilation,
        "workingpaper": paper,
    }


def _url(obj, view: str, *args) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=args)


def test_every_model_of_the_project_has_an_admin_and_an_object_here(objects):
    models = {
        model
        for app in ("meetings", "drafting", "consultations", "letters")
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # django-simple-history's own records
    }

    assert {m.__name__ for m in models if m not in admin.site._registry} == set()
    assert {m.__name__ for m in models} == {type(obj).__name__ for obj in objects.values()}


def test_every_models_changelist_and_change_page_answer(admin_client, objects):
    for obj in objects.values():
        assert admin_client.get(_url(obj, "changelist")).status_code == 200, obj._meta.model_name
        assert admin_client.get(_url(obj, "change", obj.pk)).status_code == 200, (
            obj._meta.model_name
        )


def test_history_of_elements_and_footnotes_answers(admin_client, objects):
    for name in ("element", "footnote"):
        obj = objects[name]
        assert admin_client.get(_url(obj, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("name", ["version", "element", "footnote"])
def test_issued_version_and_its_contents_offer_no_save_or_delete(admin_client, objects, name):
    obj = objects[name]

    page = admin_client.get(_url(obj, "change", obj.pk)).content.decode()

    assert 'name="_save"' not in page
    assert _url(obj, "delete", obj.pk) not in page
    assert admin_client.post(_url(obj, "delete", obj.pk), {"post": "yes"}).status_code == 403


@pytest.mark.parametrize("name", ["letter", "annex"])
def test_sent_letter_and_its_annexes_offer_no_save(admin_client, objects, name):
    obj = objects[name]

    page = admin_client.get(_url(obj, "change", obj.pk)).content.decode()

    assert 'name="_save"' not in page


def test_issued_version_change_page_lists_its_elements(admin_client, objects):
    version = objects["version"]

    page = admin_client.get(_url(version, "change", version.pk)).content.decode()

    assert "Paragraph 0 on stockpiles" in page


def test_working_version_can_be_changed_in_the_admin(admin_client, factory, objects):
    working = factory.make_version(
        objects["outcomedocument"], label="Working draft", status="working"
    )

    page = admin_client.get(_url(working, "change", working.pk)).content.decode()

    assert 'name="_save"' in page
    response = admin_client.post(
        _url(working, "change", working.pk),
        {
            "label": "Working draft",
            "slug": "working",
            "kind": Version.Kind.DRAFT,
            "title": "Outcome",
            "note": "",
            "elements-TOTAL_FORMS": "0",
            "elements-INITIAL_FORMS": "0",
            "footnotes-TOTAL_FORMS": "0",
            "footnotes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    working.refresh_from_db()
    assert working.title == "Outcome"


def test_publication_offers_only_issued_versions(admin_client, factory, objects):
    working = factory.make_version(
        objects["outcomedocument"], label="Working draft", status="working"
    )

    page = admin_client.get(reverse("admin:drafting_publication_add")).content.decode()

    assert f'value="{objects["version"].pk}"' in page
    assert f'value="{working.pk}"' not in page
