"""Prefect flows and deployments: thin tasks around the steps in ``newsetl.pipeline``."""
