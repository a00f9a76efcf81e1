"""Översikt at ``/oversikt`` too: the first page answers at ``/`` only (app.py lists this one hidden)."""

from views.overview import render

render()
