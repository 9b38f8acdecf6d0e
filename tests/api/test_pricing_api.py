"""POST /api/pricing/quote and /quote/send: the calculator's REST door."""

from fastapi.testclient import TestClient

from tests.api.accounts_helpers import new_email


def test_a_quote_within_professional(client: TestClient) -> None:
    body = client.post(
        "/api/pricing/quote",
        json={"plan": "PROFESSIONAL", "team_size": 4, "campaigns_per_month": 40,
              "billing_cycle": "ANNUAL"},
    ).json()  # fmt: skip
    assert body["plan"] == "PROFESSIONAL" and body["fits_requested"] is True
    assert body["total"] == "490.00" and body["annual_savings"] == "98.00"
    assert body["period"] == "year" and body["custom"] is False
    assert {row["label"] for row in body["comparison"]} >= {"Team members", "Price"}


def test_beyond_professional_it_proposes_an_enterprise_estimate(client: TestClient) -> None:
    body = client.post(
        "/api/pricing/quote",
        json={"plan": "PROFESSIONAL", "team_size": 25, "campaigns_per_month": 300},
    ).json()
    assert body["plan"] == "ENTERPRISE" and body["custom"] is True
    assert body["fits_requested"] is False
    assert body["reasons"] == ["Professional allows up to 5 people; your team has 25."]
    assert body["total"] == "424.00"  # 199 + 15 x 15
    assert [line["amount"] for line in body["lines"]] == ["199.00", "225.00"]


def test_bad_quote_inputs_name_the_field(client: TestClient) -> None:
    for payload, field in (
        ({"team_size": 0}, "team_size"),
        ({"team_size": "many"}, "team_size"),
        ({"campaigns_per_month": -3}, "campaigns_per_month"),
        ({"plan": "GOLD"}, "plan"),
        ({"billing_cycle": "WEEKLY"}, "billing_cycle"),
        ({"features": ["teleportation"]}, "features[0]"),
        ({"discount": 50}, "discount"),
    ):
        answer = client.post("/api/pricing/quote", json=payload)
        assert answer.status_code == 422, payload
        assert answer.json()["field"] == field
    malformed = client.post(
        "/api/pricing/quote", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert malformed.status_code == 400


def test_a_quote_mailed_to_the_visitor(client: TestClient, smtp_sink) -> None:
    email = new_email("quote")
    answer = client.post(
        "/api/pricing/quote/send",
        json={"team_size": 8, "campaigns_per_month": 50, "email": email, "name": "Ada"},
    )
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["sent_to"] == email and body["reference"].startswith("Q-")
    mail = smtp_sink.wait_for(email, body["reference"])
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Enterprise" in text and "$199.00" in text and "Hi Ada," in text
    assert "Professional allows up to 5 people; your team has 8." in text


def test_a_quote_sent_to_sales_replies_to_the_visitor(make_client, smtp_sink) -> None:
    client = make_client(sales_email="sales-team@example.com")
    email = new_email("buyer")
    answer = client.post(
        "/api/pricing/quote/send",
        json={"plan": "ENTERPRISE", "team_size": 60, "email": email, "company": "Acme",
              "send_to": "sales", "message": "We need SSO by June."},
    )  # fmt: skip
    assert answer.status_code == 202 and answer.json()["sent_to"] == "sales"
    to_sales = smtp_sink.wait_for("sales-team@example.com", "Quote request")
    assert to_sales["Reply-To"] == email
    text = to_sales.get_body(preferencelist=("plain",)).get_content()
    assert "Acme" in text and "We need SSO by June." in text and "60 people" in text
    smtp_sink.wait_for(email, "is with our sales team")


def test_robots_filling_the_honeypot_get_no_mail(client: TestClient, smtp_sink) -> None:
    email = new_email("robot")
    answer = client.post(
        "/api/pricing/quote/send",
        json={"team_size": 2, "email": email, "website": "http://spam.example"},
    )
    # Refused like every visitor form's honeypot: blandly, so robots learn little.
    assert answer.status_code == 422 and answer.json()["field"] == "website", answer.text
    person = new_email("person")
    client.post("/api/pricing/quote/send", json={"team_size": 2, "email": person})
    smtp_sink.wait_for(person, "Your Konduct quote")  # the person's arrives...
    assert all(email not in str(m["To"]) for m in smtp_sink.messages)  # ...not the robot's


def test_sending_quotes_is_rate_limited_and_validated(client: TestClient) -> None:
    bad = client.post("/api/pricing/quote/send", json={"team_size": 2, "email": "not-an-email"})
    assert bad.status_code == 422 and bad.json()["field"] == "email"
    statuses = [
        client.post(
            "/api/pricing/quote/send", json={"team_size": 2, "email": new_email()}
        ).status_code
        for _ in range(6)
    ]
    assert statuses[:4] == [202] * 4  # the invalid one above counted too
    assert statuses[-1] == 429
    limited = client.post("/api/pricing/quote/send", json={"team_size": 2, "email": new_email()})
    assert limited.headers["Retry-After"] and limited.json()["status"] == 429
