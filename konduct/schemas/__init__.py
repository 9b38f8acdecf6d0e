"""Input and output shapes shared by the REST API and the Reflex states."""
