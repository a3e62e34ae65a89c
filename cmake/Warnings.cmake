# Warnings on for our own targets; sanitizers when asked for.
function(decklist_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # In a unity source every .cpp is an included file, so gcc takes a class that holds a
    # type from an anonymous namespace (ocr_engine.cpp's Impl) for a header's mistake.
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
  if(DECKLIST_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
