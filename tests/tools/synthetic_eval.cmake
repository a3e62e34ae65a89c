# CTest driver: render a few synthetic decks, score the engine on them with
# `decklist-cli eval --json`, and fail when entry precision or recall is below MIN_PERCENT.
# eval itself has no threshold option, so the totals are read from its JSON here.
#
# cmake -DRENDER=... -DCLI=... -DOUT=... -DSEED=... -DCOUNT=... -DMIN_PERCENT=... -P synthetic_eval.cmake

foreach(var RENDER CLI OUT SEED COUNT MIN_PERCENT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "synthetic_eval.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${RENDER}" --out "${OUT}" --seed ${SEED} --count ${COUNT}
                RESULT_VARIABLE render_status OUTPUT_VARIABLE render_out ERROR_VARIABLE render_err)
if(NOT render_status EQUAL 0)
  message(FATAL_ERROR "render-synthetic failed (${render_status}): ${render_err}")
endif()

file(GLOB images "${OUT}/synthetic_*.jpg")
list(LENGTH images rendered)
if(NOT rendered EQUAL COUNT)
  message(FATAL_ERROR "expected ${COUNT} images in ${OUT}, found ${rendered}")
endif()

execute_process(COMMAND "${CLI}" eval --json --truth "${OUT}/truth" ${images}
                RESULT_VARIABLE eval_status OUTPUT_VARIABLE report ERROR_VARIABLE eval_err)
# 0: every image processed; 1: some image failed (its entries count as missed).
if(NOT (eval_status EQUAL 0 OR eval_status EQUAL 1))
  message(FATAL_ERROR "decklist-cli eval failed (${eval_status}): ${eval_err}")
endif()
file(WRITE "${OUT}/eval.json" "${report}")

string(JSON precision ERROR_VARIABLE json_error GET "${report}" total precision)
if(json_error)
  message(FATAL_ERROR "eval printed no JSON totals (${json_error}):\n${report}")
endif()
string(JSON recall GET "${report}" total recall)
message(STATUS "synthetic eval over ${COUNT} decks: precision ${precision}%, recall ${recall}%")

string(JSON image_count LENGTH "${report}" images)
math(EXPR last "${image_count} - 1")
foreach(i RANGE ${last})
  string(JSON differences GET "${report}" images ${i} differences)
  string(JSON image GET "${report}" images ${i} image)
  if(NOT differences STREQUAL "[]")
    message(STATUS "${image}: ${differences}")
  endif()
endforeach()

if(precision LESS MIN_PERCENT OR recall LESS MIN_PERCENT)
  message(FATAL_ERROR "entry precision ${precision}% / recall ${recall}% below ${MIN_PERCENT}%")
endif()
