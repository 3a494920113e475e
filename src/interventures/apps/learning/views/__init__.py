"""Pages of learning across regions, by purpose: pages.py (reading: practices, events, plan,
initiatives) and edit.py (the forms: practices, participants, feedback, lessons)."""
