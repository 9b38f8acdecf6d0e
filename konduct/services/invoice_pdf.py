"""An invoice as a one-page PDF, laid out here and written by ``services.pdf``."""

from __future__ import annotations

from konduct.domain.billing import format_money
from konduct.schemas.billing import InvoiceDetail
from konduct.services import pdf


def _line(x: float, y: float, value: str, *, size: int = 10, bold: bool = False) -> bytes:
    return pdf.text(x, y, value, size=size, bold=bold)


def invoice_pdf(invoice: InvoiceDetail, *, seller: str = "Konduct") -> bytes:
    period = f"{invoice.period_start:%d %b %Y}"
    if invoice.period_end:
        period += f" - {invoice.period_end:%d %b %Y}"
    amount = format_money(invoice.amount, invoice.currency)
    ops = [
        _line(56, 780, seller, size=22, bold=True),
        _line(56, 756, "Invoice", size=14),
        _line(360, 780, f"Invoice {invoice.invoice_number}", bold=True),
        _line(360, 764, f"Date: {invoice.created_at:%d %b %Y}"),
        _line(360, 748, f"Status: {invoice.status.value.title()}"),
        _line(56, 700, "Bill to", bold=True),
        _line(56, 684, invoice.team_name or "-"),
        _line(56, 670, invoice.bill_to_name or ""),
        _line(56, 656, invoice.bill_to_email or ""),
        b"0.8 g 56 610 483 22 re f 0 g",
        _line(64, 617, "Description", bold=True),
        _line(330, 617, "Period", bold=True),
        _line(480, 617, "Amount", bold=True),
        _line(64, 590, invoice.description[:60]),
        _line(330, 590, period),
        _line(480, 590, amount),
        b"0.5 w 56 570 m 539 570 l S",
        _line(380, 550, "Total", bold=True),
        _line(480, 550, amount, bold=True),
        _line(56, 500, f"Plan: {invoice.plan_name} ({invoice.billing_cycle.value.lower()})"),
        _line(56, 486, f"Payment: {invoice.payment_method or '-'}"),
    ]
    if invoice.offline:
        ops.append(
            _line(56, 450, "Offline mode: made by this Konduct server; no card was charged.")
        )
    return pdf.document([b"\n".join(ops)])
