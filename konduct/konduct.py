import reflex as rx
from fastapi import FastAPI

api = FastAPI()

@api.get("/api/ping")
def ping():
    return {"ok": True}

def index():
    return rx.text("hello")

app = rx.App(api_transformer=api)
app.add_page(index, route="/")
