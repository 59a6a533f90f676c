"""Geopolitical relationship graph explorer: curated, sourced relations between actors."""

__version__ = "0.1.0"
