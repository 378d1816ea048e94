# Warning and sanitizer flags shared by every Binge target (never by third-party code).
add_library(binge_warnings INTERFACE)
target_compile_options(binge_warnings INTERFACE -Wall -Wextra)

if(BINGE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
