from slant.errors import SlantError, all_error_classes


def test_errors_codes_are_unique():
    codes = [cls.code for cls in all_error_classes()]
    assert len(codes) == len(set(codes)), sorted(codes)


def test_errors_every_input_error_says_what_to_do():
    for cls in all_error_classes():
        if cls is not SlantError:
            assert cls.hint, f"{cls.__name__} has no hint"


def test_errors_message_is_one_line_with_source_and_hint():
    from slant.errors import EmptyInput

    text = str(EmptyInput("the file is empty", source="a.txt"))
    assert "\n" not in text and text.startswith("[E101] a.txt: the file is empty (")
