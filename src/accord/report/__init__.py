"""Results for people (rich tables) and for programs (the JSON contracts)."""
