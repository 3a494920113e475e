"""Views of the surveys domain, one module per audience: partner.py (campaigns, imports, exports,
population, questionnaire list), respond.py (the public respondent form), editor.py (copy and adapt a
questionnaire). Views parse, call a service or selector, and render."""
