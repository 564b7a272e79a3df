"""readq's online sources: arXiv (API, RSS, PDFs) and Hugging Face Daily Papers. HTTP clients only: no
Textual and no store here; the library layer applies what they return."""
