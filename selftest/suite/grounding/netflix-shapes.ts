// Answer bodies in the recorded shapes of the real Harena service (a v2 Netflix answer with its financial summary
// and an unusual-transaction insight, the v2-charts line chart, the v3 answer with `structured_data`), written for
// the grounding self tests and the end-to-end raw server (selftest/e2e/grounding-scope.test.ts). The prose is our
// own, in the real answers' style: a headline total and count, a list of recent purchases, observations naming
// other periods. Each `variant` is one change a held-out reviewer made; the healthy body is the default.

type Json = Record<string, unknown>

export const NETFLIX_HEADLINE =
  "**1. Résumé de vos dépenses Netflix**\n\nVoici l'ensemble de vos paiements Netflix. Vous avez effectué **80 transactions** pour un total de **1 050,20€** depuis 2020. C'est votre abonnement de streaming principal.\n\n- **5 juin 2025** : 7,99€ (Netflix)\n- **5 mai 2025** : 13,49€ (Netflix)\n\nSouhaitez-vous que j'examine vos autres abonnements ?"

/** The long recorded style: observations about other periods ("en décembre 2024 avec deux transactions le 4 décembre"). */
export const NETFLIX_LONG =
  "**1. Résumé de vos dépenses Netflix**\n\nVoici l'ensemble de vos paiements Netflix. Vous avez effectué **80 transactions** pour un total de **1 050,20€** depuis 2020.\n\n**2. Vos derniers paiements**\n\n- **5 juin 2025** : 7,99€ (Netflix)\n- **5 mai 2025** : 13,49€ (Netflix)\n- **7 avril 2025** : 13,49€ (Netflix)\n\n**3. Observations**\n\n🔍 **Nouveau tarif** : votre dernier paiement à 7,99€ est nettement inférieur au tarif habituel de 13,49€.\n\n💰 **Dépense mensuelle régulière** : vous avez le plus souvent payé **13,49€ par mois**, soit environ **162€ par an**.\n\n📊 **Paiements en double** : il arrive que des paiements soient doublés le même mois (comme en décembre 2024 avec deux transactions le 4 décembre). Un ajustement de facturation peut l'expliquer.\n\n💡 **Conseil** : au nouveau tarif, vous économiserez environ **66€ par an**."

export type NetflixVariant =
  | 'healthy'
  | 'long'
  | 'long_3_insights'
  | 'total_is_insight_amount'
  | 'count_2'
  | 'count_words'
  | 'currency_first_wrong'
  | 'search_summary_mismatch'
  | 'previous_month_total'
  | 'month_spent'

function insights(variant: NetflixVariant): Json[] {
  const list: Json[] = [
    {
      type: 'financial_summary',
      title: 'Résumé financier : 80 transactions',
      description: 'Débits: 1050.20€',
      confidence: 1,
      data_support: { transaction_count: 80, currency: 'EUR', total_debit: 1050.1999816894531 },
      actionable: false,
      priority: 0,
    },
    {
      type: 'unusual_transaction',
      title: 'Dépense inhabituelle détectée (Analytics)',
      description: 'Dépense de 7.99€ chez Netflix - Montant 5.2σ de la moyenne (13.13€, σ=0.99€)',
      confidence: 0.95,
      data_support: { transaction_id: 2025060506, amount: 7.99, merchant_name: 'Netflix', anomaly_score: 5.2042, method: 'zscore' },
      actionable: true,
      priority: 1,
    },
  ]
  if (variant === 'long_3_insights')
    list.push({
      type: 'recommendation',
      title: 'Comparez vos abonnements',
      description: 'Des offres moins chères existent.',
      confidence: 0.8,
      data_support: {},
      actionable: true,
      priority: 2,
    })
  return list
}

function netflixText(variant: NetflixVariant): string {
  const total = 'pour un total de **1 050,20€**'
  switch (variant) {
    case 'long':
    case 'long_3_insights':
      return NETFLIX_LONG
    case 'total_is_insight_amount':
      return NETFLIX_HEADLINE.replace(total, 'pour un total de **7,99 €**')
    case 'count_2':
      return NETFLIX_HEADLINE.replace('**80 transactions**', '**2 transactions**')
    case 'count_words':
      return NETFLIX_HEADLINE.replace('**80 transactions**', '**deux transactions**')
    case 'currency_first_wrong':
      return NETFLIX_HEADLINE.replace(total, 'pour un total de **EUR 1 234,56**')
    case 'previous_month_total':
      return `${NETFLIX_HEADLINE}\n\nLe mois précédent, le total s'élevait à 980,00 €.`
    case 'month_spent':
      return `${NETFLIX_HEADLINE}\n\nEn mai 2025, vous avez dépensé 13,49 € chez Netflix.`
    default:
      return NETFLIX_HEADLINE
  }
}

/** A v2 Netflix answer (optionally with the v2-charts line chart) for `userId`. */
export function netflixV2(variant: NetflixVariant, userId = 1, withChart = false): Json {
  const totalResults = variant === 'search_summary_mismatch' ? 3 : 80
  const chart = {
    type: 'chart',
    chart_type: 'line',
    title: 'Evolution des transactions',
    config: {
      type: 'line',
      data: {
        labels: ['2025-04-07', '2025-05-05', '2025-06-05'],
        datasets: [
          { label: 'Depenses', data: [13.49, 13.49, 7.99] },
          { label: 'Revenus', data: [0, 0, 0] },
        ],
      },
      options: { responsive: true },
    },
  }
  return {
    user_id: userId,
    message: 'Mes dépenses Netflix ?',
    timestamp: '2025-10-13T09:15:04.118204+00:00',
    request_id: `conv_1760346904118_${userId}`,
    processing_time_ms: 120,
    status: 'completed',
    intent: { type: 'transaction_search', confidence: 0.95, supported: true, entities: [] },
    query: { user_id: userId, filters: { merchant_name: 'Netflix' }, sort: [{ date: { order: 'desc' } }], page_size: 50, aggregations: {} },
    response: { message: netflixText(variant), structured_data: insights(variant), ...(withChart ? { visualizations: [chart] } : {}) },
    search_summary: { found_results: true, total_results: totalResults },
    performance: { overall_success: true, pipeline_stages: 5 },
    architecture: 'v2.0',
  }
}

export type V3Variant = 'healthy' | 'wrong_total' | 'structured_mismatch' | 'metadata_mismatch' | 'search_not_required'

/** A v3 answer (docs/wire-contracts.md §6.3): the only total it carries is `structured_data.aggregations_summary`. */
export function netflixV3(variant: V3Variant, userId = 1): Json {
  const message =
    variant === 'wrong_total'
      ? 'Vous avez effectué 80 transactions Netflix pour un total de 1 234,56 €.'
      : 'Vous avez effectué 80 transactions Netflix pour un total de 1 050,20 €.'
  return {
    user_id: userId,
    message: 'Mes dépenses Netflix ?',
    status: 'completed',
    response: {
      message,
      structured_data: { total_results: variant === 'structured_mismatch' ? 3 : 80, aggregations_summary: 'Total: 1050.20 EUR' },
    },
    search_summary: { found_results: true, total_results: 80 },
    metadata: {
      pipeline_time_ms: 120,
      intent: 'financial_query',
      requires_search: variant !== 'search_not_required',
      total_results: variant === 'metadata_mismatch' ? 560 : 80,
      took_ms: 12,
    },
    architecture: 'v3_langchain_agents',
    conversation_id: 101,
  }
}
