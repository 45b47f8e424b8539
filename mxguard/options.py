"""Help texts of the options, in one place: the Typer app and the fast `ask` path both read them."""

ASK_HELP = (
    "Answer a question about the National Guard, with numbered sources.\n\n"
    "Questions may be in English or Spanish, with typos or without accents. When nothing matches "
    "confidently, mxguard says so, suggests close questions and exits 1.\n\n"
    "Example: mxguard ask \"how big is the national guard?\""
)

OPTION_HELP = {
    "question": "Your question, in plain words (English or Spanish).",
    "top": "Also show the N-1 closest other entries (1-20).",
    "json": "Print JSON (a stable contract for scripts).",
    "format": "Output format: text (default), markdown or json.",
    "lang": "Answer language: en or es (default: the language of the question).",
    "explain": "Also show how the question was read and scored (on stderr).",
    "kb": "Use the knowledge base in DIR (holding faq.yaml and facts.yaml).",
}
