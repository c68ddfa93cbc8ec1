"""Simulated negotiations and ceasefires."""
