// Placeholder until the CLI lands (owned by the engine work).
int main() { return 0; }
