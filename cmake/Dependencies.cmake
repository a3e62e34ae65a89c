# Every dependency is a Debian 12 package (see third_party/README.md).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(OpenCV 4.6 REQUIRED COMPONENTS core imgproc imgcodecs freetype)
find_package(nlohmann_json 3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)
find_package(PkgConfig REQUIRED)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract>=5)
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)
# The decklist library's two backends (src/core/library): SQLite's C API and libpqxx 6.4,
# whose pkg-config file leaves libpq itself out.
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
if(DECKLIST_TESTS)
  find_package(GTest REQUIRED)
endif()
