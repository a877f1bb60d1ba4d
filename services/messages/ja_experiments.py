"""The Experiments tab (ui/experiments_tab.py) and its runs (services/experiments)."""

MESSAGES: dict[str, str] = {
    # -- services/experiments: labels, the contact sheet, and why a run is refused ----------
    "experiment.label.prompt": "プロンプト {number}",
    "experiment.label.cell": "{prompt} · {seed} · {model} · {input}",
    "experiment.label.pair": "{first} · {second}",
    "experiment.label.seed": "シード {seed}",
    "experiment.axis.prompts": "プロンプト",
    "experiment.axis.seeds": "シード",
    "experiment.axis.models": "モデル",
    "experiment.axis.input_sets": "入力画像",
    "experiment.sheet.title": "{name}：{total} 件中 {done} 件完了",
    "experiment.sheet.untitled": "実験",
    "experiment.sheet.failed": "失敗",
    "experiment.sheet.stopped": "停止",
    "experiment.sheet.waiting": "待機中",
    "experiment.sheet.sending": "送信中",
    "error.experiment.empty_axis": "この実行には{axis}がありません。何も送信されません。",
    "hint.experiment.empty_axis": "{axis}を少なくとも 1 つ追加してください。",
    "error.experiment.too_many": (
        "この実行は {requests} 件のリクエストを送信します。このアプリでは 1 回の実行につき"
        "最大 {cap} 件までです。"
    ),
    "hint.experiment.too_many": (
        "プロンプト、シード、モデル、画像の数を減らすか、複数の実行に分けてください。"
    ),
    "error.experiment.over_budget": (
        "この実行には最大 ${cost:.2f} かかる可能性があります。このアプリのキーの本日の予算は"
        "残り ${left:.2f} です。"
    ),
    "hint.experiment.over_budget": (
        "実行を小さくするか、ご自身の API キーを使うか、UTC 00:00 以降にもう一度お試しください。"
    ),
    "error.experiment.over_caps": (
        "この実行には {requests} 回の編集と最大 {images} 枚の画像が必要です。このアプリのキーで"
        "本日利用できるのは残り {edits_left} 回の編集と {images_left} 枚の画像です。"
    ),
    "error.experiment.cell_refused": "リクエスト {number}（{label}）は拒否されます：{reason}",
    "hint.experiment.cell_refused": "その設定を変更してください。まだ何も送信されていません。",
    "error.experiment.not_found": "そのような実行はありません。",
    "hint.experiment.not_found": "別の履歴 ID で作成された可能性があります。",
    "error.experiment.no_cell": "この実行にはリクエスト {number} がありません。",
    "error.experiment.nothing_left": "この実行には送信するものが残っていません。",
    "error.experiment.inputs_gone": (
        "この実行の入力画像はもうサーバーにありません。残りは送信できません。"
    ),
    "error.experiment.unexpected": "送信中に予期しないエラーが発生しました：{detail}",
    "error.experiment.closed": "アプリを終了しています。しばらくしてからもう一度お試しください。",
    "error.experiment.no_results": "この実行にはまだエクスポートできる結果がありません。",
    # -- ui/experiments_*.py: the Experiments tab's words (ui.* in the browser) ---------
    "ui.tab.experiments": "実験",
    "ui.exp.intro": (
        "まとめて編集：指示 × シード × モデル × 写真の組み合わせごとに 1 リクエストを、各モデ"
        "ルのレート制限に合わせて送信します。まず見積もり、開始を確認するまで何も送信されませ"
        "ん。"
    ),
    "ui.exp.prompts.label": "指示（1 行に 1 つ）",
    "ui.exp.prompts.placeholder": "例：\nカップを青くする\n水彩画風にする",
    "ui.exp.seed_count.label": "ランダムなシード（個数）",
    "ui.exp.seeds.label": "またはこれらのシード",
    "ui.exp.seeds.placeholder": "例：11, 42, 7",
    "ui.exp.models.label": "モデル（複数選ぶと比較できます）",
    "ui.exp.photos.label": "写真（それぞれをすべての指示で編集します）",
    "ui.exp.use_editor.label": "エディターの画像も 1 セットとして使う",
    "ui.exp.settings": "共通の設定",
    "ui.exp.name.label": "実行の名前（任意）",
    "ui.exp.estimate": "見積もり",
    "ui.exp.start": "実行を開始",
    "ui.exp.cancel": "キャンセル",
    "ui.exp.runs.label": "あなたの実行",
    "ui.exp.refresh": "更新",
    "ui.exp.stop": "停止",
    "ui.exp.resume": "再開",
    "ui.exp.grid": "結果",
    "ui.exp.compare_a.label": "比較",
    "ui.exp.compare_b.label": "比較対象",
    "ui.exp.compare.label": "並べて比較",
    "ui.exp.winner": "★ ベスト（切り替え）",
    "ui.exp.send": "エディターに送る",
    "ui.exp.in_history": "履歴で表示",
    "ui.exp.sheet": "コンタクトシート（PNG）",
    "ui.exp.zip": "ZIP（マニフェスト付き）",
    "ui.exp.download.label": "ダウンロード",
    "ui.exp.nothing_yet": "まだ実行はありません。左で各軸を設定し、「見積もり」を押してください。",
    "ui.exp.pick_cell": "結果をクリックして選択します。",
    "exptab.estimate": "**{requests} リクエスト · 画像 {images} 枚 · {cost} · 約 {duration}**",
    "exptab.per_model": "{model}：{requests} リクエスト · {cost} · {rate} · 約 {duration}",
    "exptab.confirm": "まだ何も送信していません。この {requests} リクエストを開始しますか？",
    "exptab.cost": "≈ ${usd:.2f}",
    "exptab.cost_unknown": "料金は未公開",
    "exptab.duration.s": "{s} 秒",
    "exptab.duration.m": "{m} 分 {s} 秒",
    "exptab.duration.h": "{h} 時間 {m} 分",
    "exptab.progress": (
        "**{state}** · {total} 件中 {done} 件完了 · 失敗 {failed} 件 · 残り {left} 件"
    ),
    "exptab.state.running": "実行中",
    "exptab.state.stopping": "停止中",
    "exptab.state.stopped": "停止済み",
    "exptab.state.done": "完了",
    "exptab.state.paused": "一時停止：API キーをもう一度入力して「再開」を押してください",
    "exptab.axes": "行：{rows} · 列：{columns}",
    "exptab.axes.one": "1 つの軸：{columns}",
    "exptab.axes.single": "1 リクエスト",
    "exptab.run_choice": "{done}/{total} · {name} · {when}",
    "exptab.cell.waiting": "待機中",
    "exptab.cell.sending": "送信中…",
    "exptab.cell.failed": "失敗",
    "exptab.cell.stopped": "停止済み",
    "exptab.cell.reason": "失敗：{reason}",
    "exptab.selected": "**{label}** · {state}",
    "exptab.editor_set": "エディターの画像",
    "exptab.history": "実験 {name}（検索 {search}）· リクエスト {cell}：{axes}",
    "exptab.title.refused": "実行を開始できません",
    "exptab.toast.started": "実行を開始しました：{requests} リクエスト。",
    "exptab.toast.stopping": (
        "停止中：これ以上は送信しません。送信済みのリクエストは完了し、保存されます。"
    ),
    "exptab.toast.resumed": "再開しました：残りのリクエストを送信しています。",
    "exptab.toast.winner_on": "ベストに選びました。",
    "exptab.toast.winner_off": "ベストから外しました。",
    "exptab.toast.sent": (
        "エディターに送りました：結果を画像 1 に、その指示をプロンプトに入れました。"
    ),
    "exptab.toast.no_run": "まず実行を開始するか、あなたの実行を開いてください。",
    "exptab.toast.no_cell": "まずグリッドの結果をクリックしてください。",
    "exptab.toast.no_output": "このリクエストにはまだ画像がありません。",
    "exptab.toast.estimate_first": "まず見積もってください：確認してから実行が始まります。",
    "exptab.toast.file_ready": "準備ができました：下のダウンロードリンクを使ってください。",
    "ui.exp.model.qwen-image-edit-plus-2025-12-15": (
        "Qwen Image Edit Plus（2025-12-15 スナップショット）"
    ),
    "ui.exp.model.qwen-image-edit-plus-2025-10-30": (
        "Qwen Image Edit Plus（2025-10-30 スナップショット）"
    ),
    "ui.exp.model.qwen-image-edit-max-2026-01-16": (
        "Qwen Image Edit Max（2026-01-16 スナップショット）"
    ),
    # -- end of the Experiments tab's words --
}
