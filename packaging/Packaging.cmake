# Desktop integration and the .deb (cpack -G DEB).
install(FILES ${PROJECT_SOURCE_DIR}/resources/binge.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/binge.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/binge/presets
        FILES_MATCHING PATTERN "*.json")

set(CPACK_PACKAGE_NAME "binge")
set(CPACK_PACKAGE_VENDOR "Binge developers")
set(CPACK_PACKAGE_CONTACT "Binge developers <binge@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libtorch1.13, libavformat59, libavcodec59, libswscale6, libswresample4, libavutil57, libturbojpeg0, libqt6widgets6, libqt6multimedia6, libqt6printsupport6, libqcustomplot2.1-qt6")
include(CPack)
