"""Konduct's domain: pure rules with no web, database or framework imports.

Everything here is plain Python so that the pages, the REST API, the CLI and
background jobs all apply exactly the same rules.
"""
