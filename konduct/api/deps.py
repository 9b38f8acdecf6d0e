"""Dependencies shared by the routes."""

from typing import Annotated

from fastapi import Depends, Request

from konduct.settings import Settings


def app_settings(request: Request) -> Settings:
    """The settings the API was created with (tests create APIs with their own)."""
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
