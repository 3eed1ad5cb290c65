"""Views of the action-plan screens, one module per part of the work."""
