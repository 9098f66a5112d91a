"""Contracts: who may manage them, what a valid contract is, duty hours."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from hours_office import psych_contract_input

from opsdesk.domain.hours import ContractKind
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.hours.records import DutyHours


def test_manager_sees_all_providers_only_their_own(hours):
    assert {c.number for c in hours.manager.contracts.list()} == {"3/PS/2026", "7/SU/2026"}
    assert [c.number for c in hours.psychologist.contracts.list()] == ["3/PS/2026"]
    assert [c.number for c in hours.supervisor.contracts.list()] == ["7/SU/2026"]
    assert hours.other_psychologist.contracts.list() == []
    with pytest.raises(PermissionDenied):
        hours.other_psychologist.contracts.get(hours.psych.id)


@pytest.mark.parametrize("who", ["clerk", "psychologist", "supervisor", "social_a", "admin"])
def test_only_the_manager_creates_contracts(hours, who):
    with pytest.raises(PermissionDenied):
        getattr(hours, who).contracts.create(psych_contract_input(hours.psychologist.actor.id))


def test_contract_record_has_the_project_and_duty_hours(hours):
    contract = hours.manager.contracts.get(hours.psych.id)
    assert contract.provider_name == "Małgorzata Zielińska"  # from the account
    assert contract.project_number == "POWR.02.05.00-00-0117/16"
    assert contract.duty_hours[0] == DutyHours(1, time(12), time(16), 60)
    assert contract.label == "3/PS/2026 — Małgorzata Zielińska (konsultacje psychologiczne)"


def test_several_contracts_may_follow_each_other(hours):
    follow_up = hours.manager.contracts.create(
        psych_contract_input(
            hours.psychologist.actor.id,
            number="4/PS/2027",
            valid_from=date(2027, 7, 1),
            valid_to=date(2027, 12, 31),
        )
    )
    assert follow_up.id != hours.psych.id
    assert len(hours.psychologist.contracts.list()) == 2


def test_invalid_contracts_name_every_bad_field(hours):
    bad = psych_contract_input(
        hours.supervisor.actor.id,
        number=" ",
        monthly_minutes=0,
        project_minutes=-5,
        valid_from=date(2026, 5, 1),
        valid_to=date(2026, 4, 30),
        duty_hours=(DutyHours(1, time(16), time(12)),),
    )
    with pytest.raises(ValidationError) as error:
        hours.manager.contracts.create(bad)
    assert error.value.errors == {
        "number": "Podaj numer umowy.",
        "provider": "Konto wykonawcy musi mieć rolę: Psycholog.",
        "monthly_minutes": "Podaj miesięczną liczbę godzin.",
        "project_minutes": "Liczba godzin projektu musi być większa od zera albo pusta.",
        "valid_to": "Umowa nie może kończyć się przed rozpoczęciem.",
        "duty_hours": "Dyżur musi kończyć się po rozpoczęciu.",
    }


def test_validity_cannot_shrink_over_recorded_sessions(hours):
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00"))
    shorter = psych_contract_input(hours.psychologist.actor.id, valid_to=date(2026, 10, 31))
    with pytest.raises(ValidationError) as error:
        hours.manager.contracts.update(hours.psych.id, shorter)
    assert "poza" in error.value.errors["valid_from"]
    with pytest.raises(ValidationError) as error:
        hours.manager.contracts.update(
            hours.psych.id,
            dataclasses.replace(
                psych_contract_input(hours.supervisor.actor.id), kind=ContractKind.SUPERVISION
            ),
        )
    assert error.value.errors["kind"] == "Rodzaju nie można zmienić po wpisaniu sesji."


def test_provider_sets_own_duty_hours_others_cannot(hours):
    duty = (DutyHours(0, time(9), time(11), 30),)
    hours.psychologist.contracts.set_duty_hours(hours.psych.id, duty)
    assert hours.manager.contracts.get(hours.psych.id).duty_hours == duty
    for who in ("clerk", "other_psychologist", "supervisor"):
        with pytest.raises(PermissionDenied):
            getattr(hours, who).contracts.set_duty_hours(hours.psych.id, ())


def test_providers_list_offers_accounts_with_the_role(hours):
    psychologists = [
        name for _id, name in hours.manager.contracts.providers(ContractKind.PSYCHOLOGY)
    ]
    assert psychologists == ["Małgorzata Zielińska", "Tomasz Żuraw"]
    assert [name for _id, name in hours.manager.contracts.providers(ContractKind.SUPERVISION)] == [
        "Krzysztof Dąbrowski"
    ]


def test_texts_longer_than_their_columns_are_refused(hours):
    too_long = psych_contract_input(
        hours.psychologist.actor.id,
        provider_name="Ż" * 121,
        project_number="1" * 81,
        project_minutes=10**9,
    )
    with pytest.raises(ValidationError) as error:
        hours.manager.contracts.create(too_long)
    assert error.value.errors == {
        "provider_name": "Tekst jest za długi (najwyżej 120 znaków).",
        "project_number": "Tekst jest za długi (najwyżej 80 znaków).",
        "project_minutes": "Projekt nie ma tylu godzin.",
    }
