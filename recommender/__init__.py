"""Conversational product finder: catalogs, language, ranking, preference models and feedback.

``recommender`` never imports streamlit; the app in ``streamlit_app.py`` only draws what it returns.
"""
