// Typed reads of JSON values: the helpers every reader of migcalc's inputs uses (requests, plans, fleet plans, seed
// inputs, GPU models), so the same wrong value gets the same error everywhere.
//
// Strict types, no coercion: a whole number is a JSON integer in its range ("2", 2.5 and 1e308 are refused), a text
// is a JSON string of bounded length. Every error reads "<path> is <what was found>; it must be <what is valid>.",
// where path is the field's JSON path (request[1].count).
#pragma once
#include <initializer_list>
#include <string>

#include "migcalc/base/json.hpp"

namespace migcalc {

/// The most items a list may hold unless its reader says otherwise.
constexpr size_t kMaxListItems = 1000;

/// A value as a message shows it: its JSON text, cut to about 60 bytes.
std::string shown(const Json& value);
/// What was found, in words: "the text \"x\"", "a list", "an object", "null", "missing" or the number itself.
std::string described(const Json& value);
/// "<path> is <described(found)>; it must be <valid>." with `code`.
Error invalid(const std::string& path, const Json& found, const std::string& valid, Code code);

/// `path.key`, or `key` at the top level (an empty path).
std::string pathTo(const std::string& path, const std::string& key);
/// `path[index]`.
std::string itemPath(const std::string& path, size_t index);
/// object[key], or a value that reads as "missing" when `object` is not an object or has no such field.
const Json& member(const Json& object, const std::string& key);
/// A field that is absent or null reads as absent.
bool given(const Json& object, const std::string& key);

/// `value` as a whole number from `min` to `max`; anything else (a string, a fraction, a boolean, null) is `code`.
Result<long long> readWhole(const Json& value, const std::string& path, long long min, long long max, Code code);
/// `value` as a JSON number (whole or not) from `min` to `max`.
Result<double> readNumber(const Json& value, const std::string& path, double min, double max, Code code);
/// `value` as a JSON number over 0 and at most `max`.
Result<double> readPositive(const Json& value, const std::string& path, double max, Code code);
/// `value` as a string of 1 to `maxLength` bytes (longer: TOO_LARGE).
Result<std::string> readText(const Json& value, const std::string& path, size_t maxLength, Code code);
/// `value` as true or false.
Result<bool> readFlag(const Json& value, const std::string& path, Code code);
/// `object[key]` as a list of at most `maxItems` items (the list itself, not a copy; more: TOO_LARGE); null or a
/// missing field is the empty list.
Result<const Json*> readList(const Json& object, const std::string& key, const std::string& path, Code code,
                             size_t maxItems = kMaxListItems);
/// `value` is an object whose fields are all among `keys`; else `code`, naming the unknown field and the valid ones.
std::optional<Error> onlyKeys(const Json& value, const std::string& path, std::initializer_list<const char*> keys,
                              Code code);

}  // namespace migcalc
