"""A client's data report for an access request (art. 15 GDPR)."""

from __future__ import annotations

from pdf_text import all_text, fonts_are_embedded_dejavu, page_texts
from report_samples import DT, gdpr

from opsdesk.printing.gdpr_report import build_gdpr_report


def test_who_produced_it_and_when():
    text = all_text(build_gdpr_report(gdpr()))
    assert "Informacja o przetwarzanych danych osobowych Łukasz Kowalski" in text
    assert "według stanu na 02.04.2026 10:30" in text
    assert "Sporządził(a) Adam Żółkiewski" in text
    assert "Wygenerowano 02.04.2026 10:30 przez Adam Żółkiewski" in text
    assert "Adam Żółkiewski sporządził(a)" in text  # the signature line


def test_identity_contact_and_household():
    text = all_text(build_gdpr_report(gdpr()))
    assert "Imię Łukasz Nazwisko Kowalski" in text
    assert "PESEL 80031401133" in text
    assert "Data urodzenia 14.03.1980 Płeć mężczyzna" in text
    assert "ul. Łużycka 7/3, 74-100 Gryfino" in text
    assert "K-000017" in text
    assert "Gospodarstwo domowe (pokrewieństwo osoby: mąż)" in text
    assert "Zofia Kowalska żona" in text


def test_contacts_cases_sessions_and_bookings():
    text = all_text(build_gdpr_report(gdpr()))
    assert "Kontakty z ośrodkiem" in text and "Pyta o zasiłek celowy na opał." in text
    assert "Sprawa OPS.12.2026: Zasiłek celowy" in text
    assert "Wywiad (pilna)" in text
    assert "10.03.2026 12.03.2026 Oczekiwanie na zaświadczenie" in text
    assert "Założenie sprawy" in text and "Mieszkanie ogrzewane piecem." in text
    assert "10.03.2026 12:00–13:00 konsultacja indywidualna Małgorzata Zielińska" in text
    assert "u psychologa" in text
    assert "Prywatne notatki psychologa przechowuje wyłącznie psycholog" in text
    assert "Rezerwacje pokoju do rozmów" in text and "Pokój do rozmów" in text


def test_the_audit_log_of_accesses_breaks_across_pages():
    pages = page_texts(build_gdpr_report(gdpr(access=120)))
    count = len(pages)
    assert count >= 3
    text = " ".join(pages)
    assert "Kto korzystał z danych (dziennik zdarzeń)" in text
    assert "120. 02.03.2026" in text
    for number, page in enumerate(pages, start=1):
        assert f"Strona {number} z {count}" in page
    assert "Lp. Data i godzina Osoba Czynność Czego dotyczyła" in pages[-1]


def test_fonts_are_embedded():
    assert fonts_are_embedded_dejavu(build_gdpr_report(gdpr()))


def test_the_information_art_15_requires_and_the_copy():
    from dataclasses import replace

    from opsdesk.services.reports.gdpr_info import default_information

    report = replace(gdpr(), information=default_information("OPS w Gryfinie", 10))
    text = all_text(build_gdpr_report(report))
    assert "Informacje o przetwarzaniu (art. 15 ust. 1 i 2 RODO)" in text
    for heading in (
        "Administrator danych",
        "Cele przetwarzania",
        "Podstawy prawne",
        "Kategorie danych osobowych",
        "Odbiorcy danych",
        "Okres przechowywania danych",
        "Prawa osoby",
        "Źródło danych",
        "Zautomatyzowane podejmowanie decyzji",
        "Przekazywanie danych poza Europejski Obszar Gospodarczy",
    ):
        assert heading in text, heading
    assert "Administratorem danych osobowych jest OPS w Gryfinie." in text
    assert "przez 10 lat od zakończenia ostatniej sprawy" in text
    assert "skargi do Prezesa Urzędu Ochrony Danych Osobowych" in text
    assert "sprostowania danych" in text and "ograniczenia przetwarzania" in text
    assert "Kopia danych (art. 15 ust. 3 RODO)" in text
    assert "Niniejszy raport jest kopią danych osobowych" in text
    assert text.index("Cele przetwarzania") < text.index("Dane identyfikacyjne i kontaktowe")
    assert text.index("Kopia danych") > text.index("Kto korzystał z danych")


def test_the_letters_sent_in_a_case():
    from dataclasses import replace

    report = gdpr()
    case = replace(
        report.cases[0],
        letters=((DT(2026, 3, 3, 10, 0), "WEZWANIE do usunięcia braków wniosku"),),
    )
    text = all_text(build_gdpr_report(replace(report, cases=(case,))))
    assert "Pismo z dnia Pismo 03.03.2026 10:00 WEZWANIE do usunięcia braków wniosku" in text
