// BatchRunner on the real engine and the real shared screenshots.

#include <atomic>

#include <opencv2/imgcodecs.hpp>

#include "batch_fixture.hpp"
#include "decklist/batch/worker_pool.hpp"
#include "polling.hpp"

using namespace decklist;
using namespace decklist::test;

namespace {

std::size_t index_of(const BatchEvent& e) {
    if (auto* p = std::get_if<ProgressEvent>(&e)) return p->index;
    if (auto* r = std::get_if<ResultEvent>(&e)) return r->index;
    if (auto* er = std::get_if<ErrorEvent>(&e)) return er->index;
    return SIZE_MAX;
}

}  // namespace

TEST(BatchRunner, ParallelMixedBatchCountsEveryImageOnce) {
    WorkerPool pool(shared_engine(), 2);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::parallel}, log.sink(), counters);
    batch->add_image(screenshot_upload(0));
    batch->add_image(text_upload());
    batch->add_image(screenshot_upload(1));
    batch->add_failed("huge.jpg", Error(ErrorType::limit, "file too large"));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());

    const auto events = log.events();
    expect_well_ordered(events, 4);
    const auto results = of_type<ResultEvent>(events);
    const auto errors = of_type<ErrorEvent>(events);
    ASSERT_EQ(results.size(), 2u);
    ASSERT_EQ(errors.size(), 2u);
    for (const auto& e : errors) {
        if (e.index == 1) {
            EXPECT_EQ(e.error_type, ErrorType::validation) << e.error;
        }
        if (e.index == 3) {
            EXPECT_EQ(e.error_type, ErrorType::limit);
        }
    }
    for (const auto& r : results) EXPECT_GT(r.decklist.stats.total_cards, 0);
    const auto complete = std::get<CompleteEvent>(events.back());
    EXPECT_EQ(complete.total, 4u);
    EXPECT_EQ(complete.successful, 2u);
    EXPECT_EQ(complete.failed, 2u);
    EXPECT_EQ(complete.cancelled, 0u);
    ASSERT_TRUE(complete.average_accuracy.has_value());
    EXPECT_EQ(counters.images_processed, 2u);
    EXPECT_EQ(counters.images_failed, 2u);
    EXPECT_EQ(counters.batches_in_flight, 0u);
}

TEST(BatchRunner, SequentialHandlesImagesOneAtATimeInUploadOrder) {
    WorkerPool pool(shared_engine(), 2);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::sequential}, log.sink(), counters);
    for (std::size_t i = 0; i < 3; ++i) batch->add_image(screenshot_upload(i));
    batch->add_image(text_upload());
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    const auto events = log.events();
    expect_well_ordered(events, 4);
    // One image at a time: the events of image i all come before any event of image i+1.
    std::size_t last_index = 0;
    for (const auto& e : events) {
        if (std::holds_alternative<CompleteEvent>(e)) break;
        EXPECT_GE(index_of(e), last_index);
        last_index = index_of(e);
    }
    for (const auto& p : of_type<ProgressEvent>(events)) EXPECT_EQ(p.current, p.index + 1);
}

TEST(BatchRunner, ParallelProgressIsOnePerFileWithItsPosition) {
    WorkerPool pool(shared_engine(), 2);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::parallel}, log.sink(), counters);
    for (std::size_t i = 0; i < 4; ++i) batch->add_image(screenshot_upload(i));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    std::vector<int> progress(4, 0);
    for (const auto& p : of_type<ProgressEvent>(log.events())) {
        EXPECT_EQ(p.current, p.index + 1);
        EXPECT_EQ(p.total, 4u);
        EXPECT_EQ(p.status, ImageStatus::processing);
        ++progress.at(p.index);
    }
    EXPECT_EQ(progress, (std::vector<int>{1, 1, 1, 1}));
}

TEST(BatchRunner, ProcessingStartsBeforeTheUploadEndsButEventsWaitForIt) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::parallel}, log.sink(), counters);
    batch->add_image(screenshot_upload(0));
    // The body has not ended: the first image is processed now, and nothing is said yet.
    ASSERT_TRUE(eventually([&] { return counters.images_processed.load() == 1; }));
    EXPECT_TRUE(log.events().empty());
    batch->add_image(screenshot_upload(1));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    const auto events = log.events();
    expect_well_ordered(events, 2);
    for (const auto& p : of_type<ProgressEvent>(events)) EXPECT_EQ(p.total, 2u);  // final
    EXPECT_EQ(std::get<CompleteEvent>(events.back()).total, 2u);
}

TEST(BatchRunner, ImmediateReleaseEmitsWhileTheUploadArrives) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    BatchOptions options;
    options.mode = BatchMode::parallel;
    options.release = EventRelease::immediately;
    auto batch = BatchRunner::start(pool, options, log.sink(), counters);
    batch->add_image(screenshot_upload(0));
    ASSERT_TRUE(log.wait_for([](const auto& ev) { return !of_type<ResultEvent>(ev).empty(); }));
    const auto progress = of_type<ProgressEvent>(log.events());
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.front().total, 1u);  // files known so far
    batch->add_image(screenshot_upload(1));
    batch->end_input(InputEnd::cut_short);
    ASSERT_TRUE(log.wait_complete());
    const auto complete = std::get<CompleteEvent>(log.events().back());
    EXPECT_EQ(complete.total, 2u);
    EXPECT_FALSE(complete.upload_complete);
}

TEST(BatchRunner, EachPoolThreadBuildsOneWorkerAndReusesIt) {
    std::atomic<int> made{0};
    WorkerPool pool(
        [&] {
            ++made;
            return shared_engine().make_worker();
        },
        2);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::parallel}, log.sink(), counters);
    for (std::size_t i = 0; i < 6; ++i) batch->add_image(screenshot_upload(i));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    EXPECT_EQ(std::get<CompleteEvent>(log.events().back()).successful, 6u);
    pool.stop();
    EXPECT_EQ(made.load(), 2);
}

TEST(BatchRunner, CancelSkipsImagesNotStartedAndDropsTheRunningOne) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    BatchOptions options;
    options.mode = BatchMode::parallel;
    options.release = EventRelease::immediately;
    auto batch = BatchRunner::start(pool, options, log.sink(), counters);
    for (std::size_t i = 0; i < 4; ++i) batch->add_image(screenshot_upload(i));
    ASSERT_TRUE(log.wait_for([](const auto& ev) { return !of_type<ProgressEvent>(ev).empty(); }));
    batch->cancel();
    ASSERT_TRUE(log.wait_complete());
    pool.stop();  // lets the running image finish

    const auto events = log.events();
    expect_well_ordered(events, 4);
    const auto complete = std::get<CompleteEvent>(events.back());
    EXPECT_EQ(complete.cancelled + complete.successful, 4u);
    EXPECT_EQ(counters.images_processed + counters.images_cancelled + counters.results_dropped, 4u);
    EXPECT_GE(counters.images_cancelled, 2u);  // at most 2 can have started: pool of 1
    for (const auto& e : of_type<ErrorEvent>(events)) EXPECT_EQ(e.error_type, ErrorType::cancelled);
    // Every file still had its one progress event before its error.
    EXPECT_EQ(of_type<ProgressEvent>(events).size(), 4u);
}

TEST(BatchRunner, TimeoutAnswersForTheImageAndDropsTheLateResult) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    BatchOptions options;
    options.mode = BatchMode::sequential;
    options.image_timeout = std::chrono::milliseconds(1);  // far below any OCR run
    auto batch = BatchRunner::start(pool, options, log.sink(), counters);
    batch->add_image(screenshot_upload(0));
    batch->add_image(screenshot_upload(1));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    pool.stop();
    const auto events = log.events();
    expect_well_ordered(events, 2);
    for (const auto& e : of_type<ErrorEvent>(events)) EXPECT_EQ(e.error_type, ErrorType::timeout);
    EXPECT_EQ(of_type<ErrorEvent>(events).size(), 2u);
    EXPECT_EQ(counters.images_timed_out, 2u);
    EXPECT_EQ(counters.results_dropped, 2u);
    EXPECT_EQ(std::get<CompleteEvent>(events.back()).failed, 2u);
}

TEST(BatchRunner, FilesPastMaxImagesGetALimitError) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    BatchOptions options;
    options.mode = BatchMode::parallel;
    options.max_images = 2;
    auto batch = BatchRunner::start(pool, options, log.sink(), counters);
    batch->add_image(text_upload("a.txt"));
    batch->add_image(text_upload("b.txt"));
    batch->add_image(screenshot_upload(0));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    const auto errors = of_type<ErrorEvent>(log.events());
    ASSERT_EQ(errors.size(), 3u);
    for (const auto& e : errors)
        EXPECT_EQ(e.error_type, e.index == 2 ? ErrorType::limit : ErrorType::validation);
    EXPECT_EQ(counters.images_processed, 0u);  // the third never reached the engine
}

TEST(BatchRunner, EmptyBatchCompletesWithNullAccuracy) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::parallel}, log.sink(), counters);
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    const auto complete = std::get<CompleteEvent>(log.events().back());
    EXPECT_EQ(complete.total, 0u);
    EXPECT_FALSE(complete.average_accuracy.has_value());
}

TEST(BatchRunner, LeasesReturnToTheUploadBudgetWhenImagesAreDone) {
    auto budget = UploadBudget::create(64 * 1024 * 1024);
    WorkerPool pool(shared_engine(), 2);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::parallel}, log.sink(), counters);
    for (std::size_t i = 0; i < 3; ++i) {
        ImageUpload up = screenshot_upload(i);
        up.lease = budget->lease();
        ASSERT_TRUE(up.lease.try_grow(up.bytes.size()));
        batch->add_image(std::move(up));
    }
    EXPECT_GT(budget->used(), 0u);
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    pool.stop();
    EXPECT_EQ(budget->used(), 0u);
}

TEST(BatchRunner, CompleteCountsTheResultsThatNeedReview) {
    WorkerPool pool(shared_engine(), 1);
    BatchCounters counters;
    EventLog log;
    auto batch = BatchRunner::start(pool, {BatchMode::sequential}, log.sink(), counters);
    // The top 60 % of a page: its lower sections are gone, so its decklist cannot pass review.
    const ImageUpload whole = screenshot_upload(0);
    const cv::Mat page = cv::imdecode(whole.bytes, cv::IMREAD_COLOR);
    std::vector<std::uint8_t> cut;
    cv::imencode(".png", page.rowRange(0, page.rows * 6 / 10), cut);
    batch->add_image(screenshot_upload(0));
    batch->add_image(upload("cut.png", std::move(cut)));
    batch->end_input();
    ASSERT_TRUE(log.wait_complete());
    const auto events = log.events();
    ASSERT_EQ(of_type<ResultEvent>(events).size(), 2u);
    std::size_t flagged = 0;
    for (const auto& r : of_type<ResultEvent>(events)) flagged += r.decklist.needs_review ? 1 : 0;
    const auto complete = std::get<CompleteEvent>(events.back());
    EXPECT_EQ(complete.needs_review, 1u);
    EXPECT_EQ(complete.needs_review, flagged);
    for (const auto& r : of_type<ResultEvent>(events)) {
        EXPECT_EQ(r.decklist.needs_review, r.index == 1) << r.filename;
    }
}
