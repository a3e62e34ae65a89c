// Placeholder so the library has a source until the server lands.
namespace decklist::http {}
