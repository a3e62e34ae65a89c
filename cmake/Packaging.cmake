# Install rules and the Debian package (cpack -G DEB, or scripts/package.sh).
#
# Installed layout, which src/core/config/defaults.cpp finds from the executable's location:
#   <prefix>/bin/decklist-server, decklist-cli; <prefix>/share/man/man1/decklist-cli.1.gz
#   <prefix>/share/decklist-ocr/data/riftbound/cards.csv, web/
#   <sysconfdir>/decklist-ocr/server.json (/etc with prefix /usr), the systemd unit
#   /var/lib/decklist-ocr: the decklist library (data_dir), the service's state directory
include(GNUInstallDirs)
# The documentation folder is named after the package, not the project (decklist_ocr).
set(DECKLIST_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/decklist-ocr)

set(DECKLIST_SHARE_DIR ${CMAKE_INSTALL_DATADIR}/decklist-ocr)
install(TARGETS decklist-server decklist-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES data/riftbound/cards.csv DESTINATION ${DECKLIST_SHARE_DIR}/data/riftbound)
install(DIRECTORY web/ DESTINATION ${DECKLIST_SHARE_DIR}/web)
# The repository's config, but with the library where a service keeps its state: the default
# "var" would resolve under the read-only /usr/share.
file(READ config/server.json DECKLIST_PACKAGED_CONFIG)
string(REPLACE "\"data_dir\": \"var\"" "\"data_dir\": \"/var/lib/decklist-ocr\""
       DECKLIST_PACKAGED_CONFIG "${DECKLIST_PACKAGED_CONFIG}")
if(NOT DECKLIST_PACKAGED_CONFIG MATCHES "/var/lib/decklist-ocr")
  message(FATAL_ERROR "config/server.json has no \"data_dir\": \"var\" line to point at /var/lib")
endif()
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/packaged/server.json "${DECKLIST_PACKAGED_CONFIG}")
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/packaged/server.json
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/decklist-ocr)
install(FILES config/decklist-server.service DESTINATION lib/systemd/system)
install(FILES README.md API_REFERENCE.md docs/CONFIGURATION.md docs/DEPLOYMENT.md
              docs/CARD_DATABASE.md docs/openapi.yaml
        DESTINATION ${DECKLIST_DOC_DIR})
# The document as served (its schemas bundled in), for tools that read one JSON file.
install(FILES ${PROJECT_BINARY_DIR}/openapi.json DESTINATION ${DECKLIST_DOC_DIR})
if(TARGET decklist-cli-man)
  install(FILES ${PROJECT_BINARY_DIR}/decklist-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME decklist-ocr)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Riftbound decklist screenshots to structured decklists (HTTP API and CLI)")
set(CPACK_PACKAGE_CONTACT "decklist-ocr maintainers <decklist-ocr@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# The libraries the programs link (libtesseract5, libopencv-*, libspdlog, libfmt, ...),
# found by dpkg-shlibdeps; the OCR models are data, which it cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tesseract-ocr-chi-sim, tesseract-ocr-eng")
# The config is the operator's to edit: an upgrade asks before replacing it.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/debian/conffiles
     "${CMAKE_INSTALL_FULL_SYSCONFDIR}/decklist-ocr/server.json\n")
# Purging removes the decklist library too (removing keeps it); with DynamicUser systemd keeps
# it under /var/lib/private, behind a /var/lib symlink.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/debian/postrm
     "#!/bin/sh\nset -e\nif [ \"$1\" = purge ]; then\n"
     "  rm -rf /var/lib/decklist-ocr /var/lib/private/decklist-ocr\nfi\n")
file(CHMOD ${CMAKE_CURRENT_BINARY_DIR}/debian/postrm
     PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
                 WORLD_EXECUTE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/debian/conffiles ${CMAKE_CURRENT_BINARY_DIR}/debian/postrm)
include(CPack)
