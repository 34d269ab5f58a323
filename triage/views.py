from django.shortcuts import render

from accounts.access import handler_required


@handler_required
def queue(request):
    return render(request, "triage/queue.html")
