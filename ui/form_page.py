"""One page for a form whose save names why: show the form; on a valid POST hand its values
and the reason to a service, then go on. Shared by every screen that changes one thing."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any], str], Any],
    *,
    area: Any,
    title: str,
    caption: str,
    success: str,
    done: str | Callable[[Any], str],
    cancel_url: str = "",
    breadcrumb: tuple[str, str] | None = None,
    intro: str = "",
    button: str = "Save",
    warning: bool = False,
) -> HttpResponse:
    """Show `form`; on a valid POST call `save(form.values(), reason)` and go to `done` (an
    address, or a function of what was saved giving one). The service's refusals are shown
    beside the fields they are about (`form.add_service_errors`); nothing is saved.

    `cancel_url` defaults to `done` when that is an address; `breadcrumb` is (text, address).
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.values(), form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, success)
            return redirect(done(saved) if callable(done) else done)
    context = {
        "area": area,
        "form": form,
        "title": title,
        "caption": caption,
        "intro": intro,
        "button": button,
        "warning": warning,
        "cancel_url": cancel_url or (done if isinstance(done, str) else ""),
        "breadcrumb": breadcrumb,
    }
    return render(request, "ui/form_page.html", context)
