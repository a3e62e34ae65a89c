// Placeholder until the HTTP server lands (owned by the foundation work).
int main() { return 0; }
