#include "app/booking_wizard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace kiosk {

namespace {
using Problem = BookingProblem::Kind;
} // namespace

const char* bookingStepName(BookingStep step) {
    switch (step) {
    case BookingStep::Topic:
        return "topic";
    case BookingStep::Day:
        return "day";
    case BookingStep::Slot:
        return "slot";
    case BookingStep::Phone:
        return "phone";
    case BookingStep::Name:
        return "name";
    case BookingStep::Confirm:
        return "confirm";
    case BookingStep::Done:
        return "done";
    case BookingStep::CancelCode:
        return "cancel_code";
    case BookingStep::CancelPhone:
        return "cancel_phone";
    case BookingStep::CancelConfirm:
        return "cancel_confirm";
    case BookingStep::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

void BookingWizard::open(BookingContext context, TimePoint now) {
    m_context = std::move(context);
    m_draft = BookingDraft{};
    m_draft.topicId = m_context.topicId;
    // Coming from a topic or guide, the topic is known: straight to the days.
    if (!m_draft.topicId.empty()) openDays(now);
}

void BookingWizard::reset() {
    m_context = BookingContext{};
    m_draft = BookingDraft{};
}

bool BookingWizard::chooseTopic(std::string topicId, TimePoint now) {
    if (m_draft.step != BookingStep::Topic) return false;
    m_draft.topicId = std::move(topicId);
    openDays(now);
    return true;
}

void BookingWizard::openDays(TimePoint now) {
    m_draft.step = BookingStep::Day;
    m_draft.problem.reset();
    m_draft.days.clear();
    if (!m_bookings) return;
    for (const auto& day : m_bookings->comingDays(now)) {
        m_draft.days.push_back({day.day, day.freeSlots, day.closedReason.value_or("")});
    }
}

bool BookingWizard::chooseDay(LocalDate day, TimePoint now) {
    if (m_draft.step != BookingStep::Day) return false;
    m_draft.day = day;
    openSlots(now);
    return true;
}

void BookingWizard::openSlots(TimePoint now) {
    m_draft.step = BookingStep::Slot;
    m_draft.problem.reset();
    m_draft.slots =
        m_bookings && m_draft.day ? m_bookings->availableSlots(*m_draft.day, now) : std::vector<Slot>{};
    if (m_draft.slots.empty()) m_draft.problem = {Problem::dayFull, {}};
}

bool BookingWizard::chooseSlot(int minuteOfDay) {
    if (m_draft.step != BookingStep::Slot) return false;
    if (std::ranges::none_of(m_draft.slots,
                             [&](const Slot& s) { return s.start.minuteOfDay == minuteOfDay; })) {
        return false;
    }
    m_draft.slotMinute = minuteOfDay;
    m_draft.step = BookingStep::Phone;
    m_draft.problem.reset();
    return true;
}

void BookingWizard::startCancel() {
    m_draft.step = BookingStep::CancelCode;
    m_draft.code.clear();
    m_draft.phone.clear();
    m_draft.toCancel.reset();
    m_draft.problem.reset();
}

TextEntry* BookingWizard::activeEntry() {
    switch (m_draft.step) {
    case BookingStep::Phone:
    case BookingStep::CancelPhone:
        return &m_draft.phone;
    case BookingStep::Name:
        return &m_draft.name;
    case BookingStep::CancelCode:
        return &m_draft.code;
    default:
        return nullptr;
    }
}

void BookingWizard::type(std::string_view key) {
    if (TextEntry* entry = activeEntry()) {
        entry->type(key);
        m_draft.problem.reset();
    }
}

void BookingWizard::setTone(ToneMark mark) {
    if (TextEntry* entry = activeEntry()) entry->setTone(mark);
}

void BookingWizard::erase() {
    if (TextEntry* entry = activeEntry()) {
        entry->erase();
        m_draft.problem.reset();
    }
}

BookingWizard::SubmitOutcome BookingWizard::submit(TimePoint now) {
    BookingDraft& draft = m_draft;
    switch (draft.step) {
    case BookingStep::Phone:
        if (!normalizePhone(draft.phone.text())) {
            draft.problem = {Problem::badPhone, {}};
            return {};
        }
        if (m_bookings) {
            // Told now, not after the name and the consent: this number cannot book another.
            const int held = m_bookings->activeBookingsOfPhone(draft.phone.text(), now);
            const int limit = m_bookings->rules().maxActivePerPhone;
            if (held >= limit) {
                draft.problem = {
                    Problem::phoneLimit,
                    BookingError{.code = BookingErrorCode::tooManyActive, .count = held, .limit = limit}};
                return {};
            }
        }
        draft.step = BookingStep::Name;
        draft.problem.reset();
        return {};
    case BookingStep::Name:
        draft.step = BookingStep::Confirm;
        draft.problem.reset();
        return {};
    case BookingStep::Confirm:
        return submitBooking(now);
    case BookingStep::CancelCode:
        if (draft.code.characters() != bookingCodeLength) {
            draft.problem = {Problem::badCodeLength, {}};
            return {};
        }
        draft.step = BookingStep::CancelPhone;
        draft.problem.reset();
        return {};
    case BookingStep::CancelPhone:
        return checkCancel(now);
    case BookingStep::CancelConfirm:
        return submitCancel(now);
    default:
        return {};
    }
}

BookingWizard::SubmitOutcome BookingWizard::checkCancel(TimePoint now) {
    BookingDraft& draft = m_draft;
    if (!m_bookings) return {};
    std::expected<Booking, BookingError> found;
    try {
        found = m_bookings->checkResidentCancel(draft.code.text(), draft.phone.text(), now);
    } catch (const std::exception& e) {
        draft.problem = {Problem::storageFailed, {}};
        return {false, fmt::format("Không đọc được lịch hẹn: {}", e.what())};
    }
    if (!found) {
        draft.problem = {Problem::cancelRefused, found.error()};
        return {};
    }
    draft.toCancel = std::move(*found);
    draft.step = BookingStep::CancelConfirm;
    draft.problem.reset();
    return {};
}

BookingWizard::SubmitOutcome BookingWizard::submitBooking(TimePoint now) {
    BookingDraft& draft = m_draft;
    if (!m_bookings || !draft.day || !draft.slotMinute) return {};
    BookingRequest request;
    request.slot = {*draft.day, *draft.slotMinute};
    request.topic = draft.topicId;
    if (!m_context.guideId.empty() && m_context.topicId == draft.topicId) {
        request.guideId = m_context.guideId;
        if (m_context.step >= 0) request.guideStep = m_context.step + 1; // as residents count
    }
    request.phone = draft.phone.text();
    if (!draft.name.tidy().empty()) request.name = draft.name.tidy();
    std::expected<Booking, BookingError> booked;
    try {
        booked = m_bookings->book(request, now);
    } catch (const std::exception& e) {
        // The disk is full or the database broke: nothing was stored (the transaction rolled back).
        draft.problem = {Problem::storageFailed, {}};
        return {false, fmt::format("Không lưu được lịch hẹn: {}", e.what())};
    }
    if (!booked) {
        draft.problem = {Problem::refused, booked.error()};
        // Someone else took the slot meanwhile, or the hour passed: show the free ones again.
        const auto code = booked.error().code;
        if (code == BookingErrorCode::slotFull || code == BookingErrorCode::slotInPast) {
            openSlots(now);
            draft.problem = {Problem::slotGone, booked.error()};
        }
        return {};
    }
    draft.confirmed = std::move(*booked);
    draft.step = BookingStep::Done;
    draft.problem.reset();
    return {true, {}};
}

BookingWizard::SubmitOutcome BookingWizard::submitCancel(TimePoint now) {
    BookingDraft& draft = m_draft;
    if (!m_bookings) return {};
    std::expected<Booking, BookingError> cancelled;
    try {
        cancelled = m_bookings->cancelByResident(draft.code.text(), draft.phone.text(), now);
    } catch (const std::exception& e) {
        draft.problem = {Problem::storageFailed, {}};
        return {false, fmt::format("Không hủy được lịch hẹn: {}", e.what())};
    }
    if (!cancelled) {
        draft.problem = {Problem::cancelRefused, cancelled.error()};
        return {};
    }
    draft.confirmed = std::move(*cancelled);
    draft.toCancel.reset();
    draft.step = BookingStep::Cancelled;
    draft.problem.reset();
    return {};
}

BookingWizard::Back BookingWizard::back(TimePoint now) {
    BookingDraft& draft = m_draft;
    // The first step, or the days when the topic came with the resident: back to where they came from.
    if (draft.step == BookingStep::Topic) return Back::LeaveScreen;
    if (draft.step == BookingStep::Day && !m_context.topicId.empty()) return Back::LeaveScreen;
    draft.problem.reset();
    switch (draft.step) {
    case BookingStep::Day:
        draft.step = BookingStep::Topic;
        break;
    case BookingStep::Slot:
        openDays(now);
        break; // fresh counts: places may have gone meanwhile
    case BookingStep::Phone:
        openSlots(now);
        break;
    case BookingStep::Name:
        draft.step = BookingStep::Phone;
        break;
    case BookingStep::Confirm:
        draft.step = BookingStep::Name;
        break;
    case BookingStep::CancelPhone:
        draft.step = BookingStep::CancelCode;
        break;
    case BookingStep::CancelConfirm: // "Không hủy": the number stays, to be checked or corrected
        draft.toCancel.reset();
        draft.step = BookingStep::CancelPhone;
        break;
    case BookingStep::CancelCode:
    case BookingStep::Cancelled:
        draft = BookingDraft{};
        draft.topicId = m_context.topicId;
        if (!draft.topicId.empty()) openDays(now);
        break;
    case BookingStep::Done:
        return Back::GoHome; // the booking is made: nothing to undo
    case BookingStep::Topic:
        break;
    }
    return Back::Stepped;
}

std::string BookingWizard::message() const {
    return m_draft.problem ? text::bookingProblem(*m_draft.problem) : std::string();
}

void BookingWizard::describe(std::map<std::string, std::string>& out) const {
    const BookingDraft& draft = m_draft;
    out["booking_guide"] = m_context.guideId;
    out["booking_step"] = std::to_string(m_context.step + 1);
    out["booking_screen"] = bookingStepName(draft.step);
    out["booking_topic"] = draft.topicId;
    out["booking_day"] = draft.day ? vietnameseDay(*draft.day) : "";
    out["booking_time"] = draft.slotMinute ? clockTime(*draft.slotMinute) : "";
    out["booking_phone_length"] = std::to_string(draft.phone.characters());
    out["booking_name"] = draft.name.text();
    out["booking_code"] = draft.confirmed ? draft.confirmed->code : "";
    out["booking_message"] = message();
    out["booking_free_days"] =
        std::to_string(std::ranges::count_if(draft.days, [](const DayOffer& d) { return d.freeSlots > 0; }));
    out["booking_free_slots"] = std::to_string(draft.slots.size());
}

} // namespace kiosk
