"""An invoice as a one-page PDF, written by hand (no PDF library needed).

PDF 1.4 with the standard Helvetica fonts (every reader has them), text in
WinAnsi encoding, one content stream, and a correct cross-reference table.
"""

from __future__ import annotations

from konduct.domain.billing import format_money
from konduct.schemas.billing import InvoiceDetail

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def _text(value: str) -> str:
    """A PDF string literal: WinAnsi where possible, the rest as '?'."""
    raw = value.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    data = raw.encode("cp1252", errors="replace").decode("latin-1")
    return "(" + data.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _line(x: float, y: float, value: str, *, size: int = 10, bold: bool = False) -> str:
    font = "F2" if bold else "F1"
    return f"BT /{font} {size} Tf {x:.0f} {y:.0f} Td {_text(value)} Tj ET"


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
        "0.8 g 56 610 483 22 re f 0 g",
        _line(64, 617, "Description", bold=True),
        _line(330, 617, "Period", bold=True),
        _line(480, 617, "Amount", bold=True),
        _line(64, 590, invoice.description[:60]),
        _line(330, 590, period),
        _line(480, 590, amount),
        "0.5 w 56 570 m 539 570 l S",
        _line(380, 550, "Total", bold=True),
        _line(480, 550, amount, bold=True),
        _line(56, 500, f"Plan: {invoice.plan_name} ({invoice.billing_cycle.value.lower()})"),
        _line(56, 486, f"Payment: {invoice.payment_method or '-'}"),
    ]
    if invoice.offline:
        ops.append(
            _line(56, 450, "Offline mode: made by this Konduct server; no card was charged.")
        )
    content = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
