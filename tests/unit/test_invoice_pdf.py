"""The hand-written invoice PDF: a well-formed file whose text says what the invoice says."""

import re
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from konduct.domain.enums import BillingCycle, PaymentStatus, Plan
from konduct.schemas.billing import InvoiceDetail
from konduct.services.invoice_pdf import invoice_pdf


def _invoice(**overrides) -> InvoiceDetail:
    invoice_id = uuid.uuid4()
    values = dict(
        id=invoice_id,
        invoice_number="KDT-3F2A1B9C-00001",
        subscription_id=uuid.uuid4(),
        amount=Decimal("457.33"),
        currency="USD",
        status=PaymentStatus.PAID,
        payment_method="Visa ending 4242, expires 08/2029",
        description="Professional plan (annual) (offline mode)",
        period_start=datetime(2027, 1, 11, tzinfo=UTC),
        period_end=datetime(2028, 1, 11, tzinfo=UTC),
        created_at=datetime(2027, 1, 11, 9, 30, tzinfo=UTC),
        offline=True,
        invoice_url=None,
        page_url=f"/settings/billing/invoices/{invoice_id}",
        pdf_url=f"/api/billing/invoices/{invoice_id}/pdf",
        team_name="Société (Acme) \\ Ltd",
        bill_to_name="Zoë Müller",
        bill_to_email="zoe@example.com",
        plan=Plan.PROFESSIONAL,
        plan_name="Professional",
        billing_cycle=BillingCycle.ANNUAL,
    )
    values.update(overrides)
    return InvoiceDetail(**values)


def test_the_cross_reference_table_points_at_every_object() -> None:
    pdf = invoice_pdf(_invoice())
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    startxref = int(re.search(rb"startxref\n(\d+)\n", pdf).group(1))
    assert pdf[startxref:].startswith(b"xref\n0 7\n")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n ", pdf)]
    assert len(offsets) == 6
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(f"{number} 0 obj\n".encode())
    length = int(re.search(rb"/Length (\d+)", pdf).group(1))
    stream = pdf.split(b"stream\n", 1)[1]
    assert stream[length:].startswith(b"\nendstream")


def test_the_text_is_the_invoice_with_special_characters_escaped() -> None:
    pdf = invoice_pdf(_invoice())
    assert b"(Invoice KDT-3F2A1B9C-00001)" in pdf
    assert b"($457.33)" in pdf
    assert b"(11 Jan 2027 - 11 Jan 2028)" in pdf
    assert "(Société \\(Acme\\) \\\\ Ltd)".encode("cp1252") in pdf  # WinAnsi, parentheses escaped
    assert "(Zoë Müller)".encode("cp1252") in pdf
    assert b"no card was charged" in pdf


def test_a_stripe_invoice_has_no_offline_note() -> None:
    pdf = invoice_pdf(_invoice(offline=False, status=PaymentStatus.FAILED, period_end=None))
    assert b"no card was charged" not in pdf
    assert b"(Status: Failed)" in pdf
