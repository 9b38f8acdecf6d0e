"""Where the app may send a person after signing in."""


def safe_next(path: str | None) -> str:
    """Only a path on this site; anything else (//evil.example, https://…) goes home.

    Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become
    "//evil.example": any control character, space or backslash is refused outright.
    """
    if (
        path
        and path.startswith("/")
        and not path.startswith("//")
        and not any(ch <= " " or ch == "\\" for ch in path)
    ):
        return path
    return "/dashboard"
